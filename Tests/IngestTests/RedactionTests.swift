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
    ])
    func emailsAndPhonesAreReplaced(text: String, expected: String) {
        #expect(Redaction.redact(text) == expected)
    }
}
