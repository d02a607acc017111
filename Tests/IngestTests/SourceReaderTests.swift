import AtbalstsCore
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// A two-item instrument is enough to show how a row becomes answers or a quarantined row.
struct SourceReaderTests {
    static let need = Scale(
        id: "need",
        options: [
            .init(value: 0, label: Bilingual(lv: "Nav vajadzības", en: "No need")),
            .init(value: 3, label: Bilingual(lv: "Augsta", en: "High")),
        ])
    static let forms = [
        ReferenceEntry(id: "courses", label: Bilingual(lv: "Kursi", en: "Courses")),
        ReferenceEntry(id: "masterclasses", label: Bilingual(lv: "Meistarklases, radošās darbnīcas", en: "Master classes")),
        ReferenceEntry(id: "mentor", label: Bilingual(lv: "Mentors", en: "Mentor")),
    ]
    static let instrument = Instrument(
        id: "mini", title: Bilingual(lv: "mini", en: "mini"),
        items: [
            Item(
                id: "institution", group: "institution", row: nil, kind: .institution, header: "Izglītības iestāde",
                englishName: "Institution", code: "Q1"),
            Item(
                id: "need_digital", group: "need", row: "digital", kind: .scaled(need, reversed: false),
                header: "Vajadzība [Digitālās prasmes]", englishName: "Digital", code: "Q2[SQ001]"),
            Item(
                id: "support_forms", group: "support_forms", row: nil, kind: .multi(forms), header: "Atbalsta veidi", englishName: "Forms",
                code: "Q3"),
        ],
        needAreas: [ReferenceEntry(id: "digital", label: Bilingual(lv: "Digitālās prasmes", en: "Digital"))])
    static let register = [Institution(code: "T01", name: "Testa skola", type: "pamatskola", teachers: 10)]

    func parse(_ text: String, options: SourceOptions = SourceOptions()) throws -> ParsedSource {
        try SourceReader.parse(
            bytes: Array(text.utf8), name: "t.csv", instrument: Self.instrument, register: Self.register,
            pseudonymizer: Pseudonymizer(key: Array(repeating: 7, count: 32)), options: options)
    }

    @Test func optionsContainingTheSeparatorAreMatchedLongestFirst() throws {
        let source = try parse(
            """
            Timestamp,Email address,Izglītības iestāde,Vajadzība [Digitālās prasmes],Atbalsta veidi
            2026/10/01 9:00:00 AM EET,a@x.lv,Testa skola,Augsta,"Kursi, Meistarklases, radošās darbnīcas"

            """)
        #expect(source.format == .googleForms)
        let response = try #require(source.responses.first)
        #expect(response.values.raw == [3, 1, 1, 0])
        #expect(response.submittedAt == "2026-10-01 07:00:00", "UTC")
    }

    /// The importer matches checkbox answers on bytes and falls back to the Unicode comparison;
    /// where the bytes match, both must agree, and a decomposed spelling still matches.
    @Test func byteAndUnicodeSplittingAgree() {
        let labels = ["Kursi", "Meistarklases, radošās darbnīcas", "Mentors", "Semināri"]
        let sorted = labels.enumerated().map { ($1, $0) }.sorted { $0.0.utf8.count > $1.0.utf8.count }
        let bytes = sorted.map { (Array($0.0.utf8), $0.1) }
        for text in [
            "Kursi", " Kursi, Mentors ", "Meistarklases, radošās darbnīcas, Kursi", "Kursi,Mentors",
            "Kursi, Citi", "", "Mentors, Meistarklases, radošās darbnīcas, Semināri",
        ] {
            let viaBytes = ResponseMapper.split(Array(text.utf8)[...], labels: bytes, separator: Array(", ".utf8))
            let viaString = ResponseMapper.split(text, labels: sorted.map { (label: $0.0, index: $0.1) }, separator: ", ")
            #expect(viaBytes == viaString.map { $0.reduce(UInt64(0)) { $0 | 1 << $1 } }, "\(text)")
        }
        let decomposed = "Semina\u{0300}ri".replacingOccurrences(of: "a\u{0300}", with: "a\u{0304}")  // ā as a + macron
        #expect(ResponseMapper.split(Array(decomposed.utf8)[...], labels: bytes, separator: Array(", ".utf8)) == nil)
        #expect(ResponseMapper.split(decomposed, labels: sorted.map { (label: $0.0, index: $0.1) }, separator: ", ") == [3])
    }

    @Test func headersMatchIgnoringCaseDiacriticsAndSpaces() throws {
        let source = try parse("izglitibas  iestade;VAJADZIBA [digitalas prasmes]\nT01;Nav vajadzības\n")
        #expect(source.mapping.matches.map(\.rule) == [.normalized, .normalized])
        #expect(source.responses.first?.values[0] == 0)
        #expect(source.responses.first?.institution == "T01")
    }

    @Test func limeSurveyCodesMapToo() throws {
        let source = try parse("id,submitdate,Q1,Q2[SQ001],Q3\n1,2026-10-01 10:00:00,T01,3,Mentors\n2,,T01,3,Mentors\n")
        #expect(source.format == .limeSurvey)
        #expect(source.responses.count == 1)
        #expect(source.quarantine.map(\.reason) == [.incompleteResponse])
    }

    @Test func pipelineLabelsMapAnotherScale() throws {
        var options = SourceOptions()
        options.labels = ["need": ["Ļoti nepieciešams": .value(3)]]
        let source = try parse("Izglītības iestāde,Vajadzība [Digitālās prasmes]\nT01,Ļoti nepieciešams\n", options: options)
        #expect(source.responses.first?.values[0] == 3)
    }

    @Test func rowProblemsAreQuarantinedWithPlaceAndReason() throws {
        let source = try parse(
            """
            Izglītības iestāde,Vajadzība [Digitālās prasmes],Atbalsta veidi
            T01,7,Kursi
            T01,Augsta,Kursi,extra
            Cita skola,Augsta,Kursi
            T01,Augsta,Brīvdienas

            """)
        #expect(source.rowsRead == 4)
        #expect(source.quarantine.map(\.line) == [3, 4])
        #expect(source.quarantine.map(\.reason) == [.wrongFieldCount(expected: 3, found: 4), .unknownInstitution])
        // SPEC 9: an answer that matches no label is missing for its item only; the rest counts.
        #expect(source.responses.map(\.line) == [2, 5])
        #expect(source.responses[0].values[0] == nil)
        #expect(source.responses[0].values[1] == 1, "the first respondent's support form still counts")
        #expect(source.responses[1].values[0] == 3)
        #expect((1..<source.responses[1].values.raw.count).allSatisfy { source.responses[1].values[$0] == nil })
        #expect(source.findings.unreadableAnswers.map(\.line) == [2, 5])
        #expect(source.findings.unreadable["need_digital"]?.counts == ["7": 1])
        #expect(source.findings.unreadable["support_forms"]?.counts == ["Brīvdienas": 1])
        #expect(source.findings.unknownInstitutions.counts == ["Cita skola": 1])
    }

    @Test(arguments: [
        ("", IngestError.Cause.empty),
        ("a,b\n1,2\n", .noRecognisableHeader),
        ("Izglītības iestāde,Izglītības iestāde\n", .duplicateHeader("Izglītības iestāde", firstColumn: 0, secondColumn: 1)),
        ("Izglītības iestāde\n\"T01\n", .csv(.unterminatedQuote(line: 2))),
    ])
    func fileLevelFailuresNameTheCause(text: String, cause: IngestError.Cause) {
        do {
            _ = try parse(text)
            Issue.record("expected \(cause)")
        } catch let error as IngestError {
            #expect(error.cause == cause)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theSameEmailGivesTheSameKeyAndNoEmailSurvives() {
        let pseudonymizer = Pseudonymizer(key: Array("workspace key".utf8))
        let key = pseudonymizer.key(forEmail: " Anna.Berzina@Example.lv ")
        #expect(key == pseudonymizer.key(forEmail: "anna.berzina@example.lv"))
        #expect(key?.contains("anna") == false)
        #expect(pseudonymizer.key(forEmail: "anonymous") == nil)
        // The byte path the importer takes agrees with the String path, Unicode included.
        for email in [" Anna.Berzina@Example.lv ", "\tANNA@X.LV\r\n", "Līga.Ozoliņa@Skola.LV", "\u{A0}a@b.lv", "anonymous", ""] {
            #expect(pseudonymizer.key(forEmailBytes: Array(email.utf8)[...]) == pseudonymizer.key(forEmail: email), "\(email)")
        }
    }

    /// The keyed HMAC the importer uses (padded key hashed once, state copied per message) against
    /// libcrypto's one-shot `HMAC()`: keys shorter than, as long as and longer than a SHA-256 block
    /// (which is hashed first), messages of every length across the block boundaries.
    @Test func keyedHMACAgreesWithOneShotHMAC() {
        var random = SplitMix64(state: 0x4D4143)
        for keyLength in [0, 1, 13, 32, 63, 64, 65, 131] {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &random) }
            let mac = HMACSHA256(key: key)
            for messageLength in [0, 1, 2, 31, 55, 56, 63, 64, 65, 119, 120, 200] {
                let message = (0..<messageLength).map { _ in UInt8.random(in: 0...255, using: &random) }
                let keyed = message.withUnsafeBufferPointer { mac.hex($0) }
                #expect(keyed == Digest.hmacSHA256Hex(key: key, message: message), "key \(keyLength), message \(messageLength)")
            }
        }
        // RFC 4231 test case 6: a 131-byte key, hashed before use.
        let long = HMACSHA256(key: Array(repeating: 0xAA, count: 131))
        #expect(
            Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8).withUnsafeBufferPointer { long.hex($0) }
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        // The respondent key is the HMAC of the trimmed, lower-cased address (SPEC 8).
        let key = Array("workspace key".utf8)
        #expect(
            Pseudonymizer(key: key).key(forEmailBytes: Array(" Anna@X.LV ".utf8)[...])
                == Digest.hmacSHA256Hex(key: key, message: Array("anna@x.lv".utf8)))
    }

    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        #expect(
            Digest.hmacSHA256Hex(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // FIPS 180-2: SHA-256("abc").
        #expect(Digest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Expected values are UTC, worked out with Python's zoneinfo (Europe/Riga) for the zone-less ones.
    /// The label caches remember an unreadable answer too: its second sighting must be noted
    /// exactly as the first, and a readable answer read from the cache as when it was matched.
    @Test func repeatedAnswersReadTheSameFromTheCaches() throws {
        let source = try parse(
            """
            Izglītības iestāde,Vajadzība [Digitālās prasmes],Atbalsta veidi
            T01,7,Brīvdienas
            T01,7,Brīvdienas
            T01,Augsta,"Kursi, Mentors"
            T01,Augsta,"Kursi, Mentors"

            """)
        #expect(source.responses.map(\.line) == [2, 3, 4, 5])
        #expect(source.findings.unreadableAnswers.map(\.line) == [2, 2, 3, 3])
        #expect(source.findings.unreadable["need_digital"]?.counts == ["7": 2])
        #expect(source.findings.unreadable["support_forms"]?.counts == ["Brīvdienas": 2])
        #expect(source.responses[0].values.raw == source.responses[1].values.raw)
        #expect(source.responses[2].values.raw == [3, 1, 0, 1])
        #expect(source.responses[3].values.raw == [3, 1, 0, 1])
        #expect(source.findings.answered == ["need_digital": 4, "support_forms": 4])
    }

    @Test(arguments: [
        ("2026/10/14 9:41:07 PM EET", "2026-10-14 19:41:07"),
        ("2026/10/14 12:05:00 AM EET", "2026-10-13 22:05:00"),
        ("2026/10/14 9:41:07 PM GMT+3", "2026-10-14 18:41:07"),
        ("2026/10/14 9:41:07 pm EEST", "2026-10-14 18:41:07"),
        ("14.10.2026 9:41", "2026-10-14 06:41:00"),
        ("14.10.2026.", "2026-10-13 21:00:00"),
        ("2026.10.14.", "2026-10-13 21:00:00"),
        ("2026-10-14 09:41:07", "2026-10-14 06:41:07"),
        ("2026-10-14T09:41:07+03:00", "2026-10-14 06:41:07"),
        ("2026-10-14T06:41:07Z", "2026-10-14 06:41:07"),
        ("2026-10-14 06:41:07.125 UTC", "2026-10-14 06:41:07"),
        ("2026-10-14 07:41:07 +0100", "2026-10-14 06:41:07"),
        ("10/5/26 0:07:15", "2026-10-04 21:07:15"),
        ("1.12.2026 12:00 p.m.", "2026-12-01 10:00:00"),
        ("2026-12-31 23:30:00 GMT-1", "2027-01-01 00:30:00"),
        // The night the clocks go back: the zone decides, and 03:10 EET is later than 03:30 EEST.
        ("2026/10/25 3:30:00 AM EEST", "2026-10-25 00:30:00"),
        ("2026/10/25 3:10:00 AM EET", "2026-10-25 01:10:00"),
        ("25.10.2026 02:59", "2026-10-24 23:59:00"),
        ("25.10.2026 03:30", "2026-10-25 00:30:00"),
        ("25.10.2026 04:30", "2026-10-25 02:30:00"),
        ("29.03.2026 02:30", "2026-03-29 00:30:00"),
        ("29.03.2026 04:30", "2026-03-29 01:30:00"),
    ])
    func timestamps(text: String, expected: String) {
        #expect(normalizedTimestamp(text) == expected)
    }

    /// No time rather than a wrong one: an unknown zone ("PDT" is not "PM"), a stray number, an
    /// impossible date or hour.
    @Test(arguments: [
        "2026/10/14 9:41:07 PM PDT", "2026/10/14 9:41:07 PM EET 5", "2026/02/30", "2026/10/14 13:00 PM",
        "2026/10/14 24:00", "2026/10/14 9:61", "hello", "", "14.10.2026 9:41 GMT+15", "2026-10-14 9:41:07 ++3",
    ])
    func unreadableTimestamps(text: String) {
        #expect(normalizedTimestamp(text) == nil)
    }

    @Test func calendarArithmeticRoundTrips() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = civilDate(daysSinceEpoch: days)
            #expect(daysSinceEpoch(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
        #expect(daysSinceEpoch(year: 2000, month: 3, day: 1) == 11_017)
    }
}
