import Foundation

/// Levenshtein distance over Characters.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        previous = current
    }
    return previous[b.count]
}

/// How alike two texts a person typed are, 0…1: case, diacritics and punctuation ignored;
/// containment, abbreviations (`vsk.` for `vidusskola`) and acronyms (`EVĢ`) count as close.
/// Used only to suggest, never to decide: a suggestion is pasted into the pipeline by a person.
public func textSimilarity(_ a: String, _ b: String) -> Double {
    let left = similarityTokens(a)
    let right = similarityTokens(b)
    let joinedLeft = left.joined(separator: " ")
    let joinedRight = right.joined(separator: " ")
    guard !joinedLeft.isEmpty, !joinedRight.isEmpty else { return 0 }
    if joinedLeft == joinedRight { return 1 }
    if joinedLeft.contains(joinedRight) || joinedRight.contains(joinedLeft) { return 0.9 }
    if abbreviates(left, right) || abbreviates(right, left) { return 0.85 }
    if isAcronym(left, of: right) || isAcronym(right, of: left) { return 0.8 }
    let distance = Double(editDistance(joinedLeft, joinedRight))
    let ratio = 1 - distance / Double(max(joinedLeft.count, joinedRight.count))
    // Words shared, over the shorter text's words: "Digitālās prasmes (vajadzība)" is close to
    // "Digitālās prasmes un izglītības tehnoloģijas".
    let shared = Set(left).intersection(right).count
    let overlap = Double(shared) / Double(min(Set(left).count, Set(right).count))
    return max(ratio, overlap) * 0.75
}

/// The candidate most like `text`, when it is alike enough to be worth suggesting.
public func closestText(_ text: String, in candidates: [String], atLeast threshold: Double = 0.45) -> String? {
    var best: (String, Double)?
    for candidate in candidates {
        let score = textSimilarity(text, candidate)
        if score >= threshold, score > (best?.1 ?? 0) { best = (candidate, score) }
    }
    return best?.0
}

private func similarityTokens(_ text: String) -> [String] {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    return folded.split { !$0.isLetter && !$0.isNumber }.map(String.init)
}

/// Every token of `short` starts like a token of `long` (in order) and spells a subsequence of it.
private func abbreviates(_ short: [String], _ long: [String]) -> Bool {
    guard !short.isEmpty, short.count <= long.count, short != long else { return false }
    var index = long.startIndex
    for token in short {
        guard let found = long[index...].firstIndex(where: { isSubsequence(token, of: $0) }) else { return false }
        index = long.index(after: found)
    }
    return true
}

private func isSubsequence(_ short: String, of long: String) -> Bool {
    guard short.first == long.first else { return false }
    var rest = long[...]
    for character in short {
        guard let found = rest.firstIndex(of: character) else { return false }
        rest = rest[rest.index(after: found)...]
    }
    return true
}

private func isAcronym(_ short: [String], of long: [String]) -> Bool {
    guard short.count == 1, long.count >= 2, let token = short.first, token.count == long.count else { return false }
    return zip(token, long).allSatisfy { letter, word in word.first == letter }
}
