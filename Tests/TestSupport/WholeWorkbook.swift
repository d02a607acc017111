import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Checks a written .xlsx the way a reader would meet it, independently of the product's own check:
/// every entry reads back with its CRC, every XML part parses as a whole document.
public enum WholeWorkbook {
    /// nil when whole; else what is broken.
    public static func problem(_ url: URL) -> String? {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            return "\(url.lastPathComponent) does not open as a ZIP: \(error)"
        }
        var parts = 0
        for entry in archive where entry.type == .file {
            parts += 1
            var data = Data()
            do {
                let crc = try archive.extract(entry) { data.append($0) }
                guard crc == entry.checksum else { return "\(entry.path): CRC mismatch" }
            } catch {
                return "\(entry.path): \(error)"
            }
            if entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
                guard !data.isEmpty else { return "\(entry.path): 0 bytes" }
                let parser = XMLParser(data: data)
                guard parser.parse() else { return "\(entry.path): not a whole XML document" }
            }
        }
        return parts >= 4 ? nil : "only \(parts) parts"
    }
}
