import Foundation
import TestSupport
import Testing

@testable import AtbalstsCore
@testable import Ingest

struct RedactionTests {
    @Test(arguments: [
        ("Zvaniet 29 123 456!", "Zvaniet [tālrunis]!"),
        ("tel. +371 29123456, e-pasts anna.b@skola.lv", "tel. [tālrunis], e-pasts [e-pasts]"),
        ("Mācos kopš 2026. gada, 3–10 gadi", "Mācos kopš 2026. gada, 3–10 gadi"),
        ("(+371) 6712-3456", "[tālrunis]"),
        // Digits of another script are digits too: the quick pre-check must not wave them through.
        ("Zvaniet ２９１ ２３ ４５６", "Zvaniet [tālrunis]"),
        ("Zvaniet ٢٩١٢٣٤٥٦", "Zvaniet [tālrunis]"),
        ("Nekā privāta, tikai 123456", "Nekā privāta, tikai 123456"),
        // Issue 13: the spellings people use, and neighbours that must stay.
        ("Raksti jānis.bērziņš@skola-example.lv!", "Raksti [e-pasts]!"),
        ("anna@skolā-example.lv vai", "[e-pasts] vai"),
        ("peteris(at)skola.lv", "[e-pasts]"),
        ("maris @ skola.lv, paldies", "[e-pasts], paldies"),
        ("ilze [at] skola-example.lv", "[e-pasts]"),
        ("ilze (AT) skola (dot) lv.", "[e-pasts]."),
        ("OLGA.K@SKOLA-EXAMPLE.LV", "[e-pasts]"),
        ("zane＠example.lv", "[e-pasts]"),
        ("līga_ozola+kursi@mail.example.lv;", "[e-pasts];"),
        ("<karlis@novads.example.lv>", "<[e-pasts]>"),
        ("e-pasts: dace@example.lv. Zvaniet", "e-pasts: [e-pasts]. Zvaniet"),
        ("PRIVTAG15 0037120001234", "PRIVTAG15 [tālrunis]"),
        ("Kabinets 12, tālr. 29 12 34 56", "Kabinets 12, tālr. [tālrunis]"),
        ("tikšanās @ 10:00 zālē", "tikšanās @ 10:00 zālē"),
        ("Skolā (at) pirmdienās nav", "Skolā (at) pirmdienās nav"),
        ("5 @ 3 stundas", "5 @ 3 stundas"),
        ("klase 9.b, 2026. gads", "klase 9.b, 2026. gads"),
        // A byte that could not be decoded, shown as U+FFFD, in the name or the domain.
        ("toms.liepins6\u{FFFD}@ezerkalni-example.lv", "[e-pasts]"),
        ("\u{FFFD}anna@skola.lv", "[e-pasts]"),
        ("anna@sko\u{FFFD}la.lv", "[e-pasts]"),
    ])
    func emailsAndPhonesAreReplaced(text: String, expected: String) {
        #expect(Redaction.redact(text) == expected)
    }

    /// The quick pre-check may only skip texts the replacements would leave as they are: on
    /// seeded random texts built from the pieces that matter (brackets, "at" in any case, `@`,
    /// digits of several scripts, Latvian letters), `redact` equals the replacements run always.
    @Test func thePreCheckSkipsOnlyTextsWithoutAMatch() {
        var random = SplitMix64(state: 0x5EDAC7)
        let pieces = [
            "(", ")", "[", "]", "{", "}", "at", "AT", "At", "dot", "punkts", "@", "＠", ".", " ", "-", "+", "lv", "skola",
            "1", "23", "456", "٢", "９", "٣٤٥", "ā", "šķ", "Ļ", "²", "anna", "\u{A0}", "\t",
        ]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...16, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(Redaction.redact(text) == Redaction.unfiltered(text), "\(text.debugDescription)")
        }
    }
}
