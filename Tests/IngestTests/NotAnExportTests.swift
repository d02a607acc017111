import AtbalstsCore
import Foundation
import Testing

@testable import Ingest

/// SPEC 4.1: what is no export is refused in one line that says what it is, before it is read.
struct NotAnExportTests {
    let folder: URL

    /// Made by the tests that need it, which remove it.
    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atbalsts-refuse-\(UUID().uuidString)")
    }

    func makeFolder() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func refusal(_ url: URL, maxSize: Int64 = ByteSize.defaultMaxInput) -> IngestError? {
        do {
            _ = try SourceFile.bytes(of: url, name: url.lastPathComponent, maxSize: maxSize)
            return nil
        } catch {
            return error
        }
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        try makeFolder()
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    @Test func aDeviceIsNotRead() {
        let started = Date()
        let error = refusal(URL(fileURLWithPath: "/dev/zero"))
        #expect(error?.cause == .notAnExport(.device))
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(error?.description == "zero: is a device, not a file; name an exported .csv or .xlsx file")
    }

    @Test func aFolderAndAPipe() throws {
        try makeFolder()
        #expect(refusal(folder)?.cause == .notAnExport(.folder))
        let fifo = folder.appendingPathComponent("pipe.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // Opening a FIFO for reading would wait for a writer: the test would hang, not fail.
        #expect(refusal(fifo)?.cause == .notAnExport(.pipe))
        try FileManager.default.removeItem(at: folder)
    }

    @Test func aSocket() throws {
        try makeFolder()
        let path = folder.appendingPathComponent("s.sock").path
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(refusal(URL(fileURLWithPath: path))?.cause == .notAnExport(.socket))
        try FileManager.default.removeItem(at: folder)
    }

    /// A sparse 3 GiB file (`truncate -s 3G`) is refused from its size, without reading it.
    @Test func aFileOverTheLimitIsRefusedFromItsSize() throws {
        try makeFolder()
        let url = folder.appendingPathComponent("huge.csv")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        #expect(truncate(url.path, 3 << 30) == 0)
        let started = Date()
        let error = refusal(url)
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(error?.cause == .notAnExport(.tooLarge(size: 3 << 30, limit: 1 << 30)))
        #expect(error?.description.contains("huge.csv: is 3 GiB, more than max_input_size (1 GiB)") == true)
        let small = try write("small.csv", Array("a,b\n1,2\n".utf8))
        #expect(refusal(small, maxSize: 4)?.cause == .notAnExport(.tooLarge(size: 8, limit: 4)))
        #expect(refusal(small, maxSize: 8) == nil)
        try FileManager.default.removeItem(at: folder)
    }

    static let programs: [(name: String, bytes: [UInt8], kind: NotAnExport, says: String)] = {
        var exe = [UInt8](repeating: 0, count: 128)
        exe[0] = 0x4D
        exe[1] = 0x5A
        exe[0x3C] = 0x40
        exe[0x40...0x43] = [0x50, 0x45, 0, 0]
        return [
            ("program", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 56), .program("ELF"), "is a program (ELF)"),
            ("setup.exe", exe, .program("EXE"), "is a program (EXE)"),
            ("report.pdf", Array("%PDF-1.7\n%âãÏÓ\n".utf8), .pdf, "is a PDF document"),
            (
                "old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504), .oldExcel,
                "is an old Excel workbook (.xls); open it in Excel or LibreOffice and save it as .xlsx"
            ),
        ]
    }()

    @Test(arguments: programs.indices)
    func programsAndDocumentsAreRefusedByTheirFirstBytes(index: Int) throws {
        let program = Self.programs[index]
        let url = try write(program.name, program.bytes)
        let error = refusal(url)
        #expect(error?.cause == .notAnExport(program.kind))
        #expect(error?.description.contains(program.says) == true, "\(String(describing: error))")
        try FileManager.default.removeItem(at: folder)
    }

    /// "MZ" may begin a text export's header; only a real program is refused.
    @Test func aTextStartingWithMZIsNoProgram() throws {
        let url = try write("mz.csv", Array("MZ code,Iestāde\nA1,Testa skola\n".utf8) + Array(repeating: UInt8(ascii: " "), count: 80))
        #expect(refusal(url) == nil)
        try FileManager.default.removeItem(at: folder)
    }

    @Test(arguments: [
        ("1GiB", Int64(1) << 30), ("500MB", 500_000_000), ("1048576", 1_048_576), ("1.5 GiB", 1_610_612_736),
        ("64 kib", 65_536), ("2gb", 2_000_000_000),
    ])
    func sizesAsThePipelineWritesThem(text: String, bytes: Int64) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test func whatIsNoSize() {
        for text in ["", "GiB", "1 GiBs", "-5MB", "0", "ten"] { #expect(ByteSize.parse(text) == nil, "\(text)") }
        #expect(ByteSize.text(3 << 30) == "3 GiB")
        #expect(ByteSize.text(1_610_612_736) == "1.5 GiB")
    }

    @Test func messagesSpeakLatvianWhenAsked() {
        MessageLanguage.$current.withValue(.lv) {
            #expect(NotAnExport.oldExcel.message.contains("saglabājiet kā .xlsx"))
            #expect(NotAnExport.tooLarge(size: 3 << 30, limit: 1 << 30).message.contains("ir 3 GiB, vairāk nekā max_input_size (1 GiB)"))
        }
    }
}
