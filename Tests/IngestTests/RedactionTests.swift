import AtbalstsCore
import Foundation
import Testing

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
    ])
    func emailsAndPhonesAreReplaced(text: String, expected: String) {
        #expect(Redaction.redact(text) == expected)
    }
}
