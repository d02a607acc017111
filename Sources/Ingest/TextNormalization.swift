import Foundation

/// Header and label matching ignores case, diacritics and runs of white space (SPEC 4.2).
public func normalizedForMatching(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
