import AtbalstsCore

/// A small, strict-enough XML scanner over bytes for the parts of an `.xlsx`: elements,
/// attributes, text with the five predefined entities and character references, CDATA; comments,
/// processing instructions and a DOCTYPE are skipped (no entity of a DOCTYPE is ever expanded).
/// Foundation's XMLParser took 26 s and 650 MB for a 30,000-row sheet and refused its 170 MB
/// part; this reads the same sheet in a fraction of that.
struct XMLScanner {
    /// An element's attributes, read on demand from the scanned bytes.
    struct Attributes {
        fileprivate let buffer: UnsafeBufferPointer<UInt8>
        fileprivate let names: [Range<Int>]
        fileprivate let values: [Range<Int>]

        /// The raw value (entities not resolved) of the attribute whose local name is `name`:
        /// for attributes such as a cell's `r`, `t` and `s`, which hold no entities.
        func raw(_ name: [UInt8]) -> UnsafeBufferPointer<UInt8>? {
            for (index, range) in names.enumerated() where XMLScanner.localName(buffer, range).elementsEqual(name) {
                return UnsafeBufferPointer(rebasing: buffer[values[index]])
            }
            return nil
        }

        /// The value of the attribute whose local name (prefix dropped) is `name`.
        func bytes(_ name: String) -> [UInt8]? {
            let wanted = Array(name.utf8)
            for (index, range) in names.enumerated() where XMLScanner.localName(buffer, range).elementsEqual(wanted) {
                var out: [UInt8] = []
                XMLScanner.appendDecoded(buffer, values[index], to: &out)
                return out
            }
            return nil
        }

        /// A non-negative whole number, read from the raw bytes.
        func integer(_ name: [UInt8]) -> Int? {
            guard let raw = raw(name), !raw.isEmpty, raw.count < 19 else { return nil }
            var value = 0
            for byte in raw {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }

        func string(_ name: String) -> String? { bytes(name).map { String(decoding: $0, as: UTF8.self) } }

        func integer(_ name: String) -> Int? { integer(Array(name.utf8)) }

        /// True for a prefixed attribute (`r:id`) of that local name.
        func hasPrefixed(_ name: String) -> String? {
            let wanted = Array(name.utf8)
            for (index, range) in names.enumerated()
            where buffer[range].contains(UInt8(ascii: ":")) && XMLScanner.localName(buffer, range).elementsEqual(wanted) {
                var out: [UInt8] = []
                XMLScanner.appendDecoded(buffer, values[index], to: &out)
                return String(decoding: out, as: UTF8.self)
            }
            return nil
        }
    }

    /// Calls `start` (local name, attributes), `end` (local name) and `text` (decoded bytes are
    /// appended by the callee with `appendDecoded`, hence the raw range and a CDATA flag).
    static func scan(
        _ bytes: [UInt8], part: String,
        start: (UnsafeBufferPointer<UInt8>, Attributes) -> Void,
        end: (UnsafeBufferPointer<UInt8>) -> Void,
        text: (UnsafeBufferPointer<UInt8>, Range<Int>, _ literal: Bool) -> Void
    ) throws(IngestError) {
        let failure: Int? = bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            var depth = 0
            var sawRoot = false
            var names: [Range<Int>] = []
            var values: [Range<Int>] = []
            let count = buffer.count
            func find(_ pattern: [UInt8], from: Int) -> Int? {
                var at = from
                while at + pattern.count <= count {
                    if buffer[at] == pattern[0] && buffer[at..<(at + pattern.count)].elementsEqual(pattern) { return at }
                    at += 1
                }
                return nil
            }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            while index < count {
                if buffer[index] != lt {
                    let from = index
                    while index < count && buffer[index] != lt { index += 1 }
                    if depth > 0 { text(buffer, from..<index, false) }
                    continue
                }
                guard index + 1 < count else { return index }
                switch buffer[index + 1] {
                case UInt8(ascii: "?"):
                    guard let close = find([UInt8(ascii: "?"), gt], from: index + 2) else { return index }
                    index = close + 2
                case UInt8(ascii: "!"):
                    if buffer[index...].starts(with: cdataOpen) {
                        guard let close = find(cdataClose, from: index + cdataOpen.count) else { return index }
                        if depth > 0 { text(buffer, (index + cdataOpen.count)..<close, true) }
                        index = close + cdataClose.count
                    } else if buffer[index...].starts(with: commentOpen) {
                        guard let close = find(commentClose, from: index + 4) else { return index }
                        index = close + 3
                    } else {
                        guard let close = find([gt], from: index + 2) else { return index }
                        index = close + 1
                    }
                case UInt8(ascii: "/"):
                    var at = index + 2
                    let from = at
                    while at < count && buffer[at] != gt && !isSpace(buffer[at]) { at += 1 }
                    let name = from..<at
                    while at < count && buffer[at] != gt { at += 1 }
                    guard at < count, depth > 0, !name.isEmpty else { return index }
                    depth -= 1
                    end(localName(buffer, name))
                    index = at + 1
                default:
                    var at = index + 1
                    let from = at
                    while at < count && buffer[at] != gt && buffer[at] != slash && !isSpace(buffer[at]) { at += 1 }
                    let name = from..<at
                    guard !name.isEmpty else { return index }
                    names.removeAll(keepingCapacity: true)
                    values.removeAll(keepingCapacity: true)
                    var selfClosing = false
                    while true {
                        while at < count && isSpace(buffer[at]) { at += 1 }
                        guard at < count else { return index }
                        if buffer[at] == gt {
                            at += 1
                            break
                        }
                        if buffer[at] == slash {
                            guard at + 1 < count, buffer[at + 1] == gt else { return index }
                            selfClosing = true
                            at += 2
                            break
                        }
                        let nameStart = at
                        while at < count && buffer[at] != equals && !isSpace(buffer[at]) && buffer[at] != gt { at += 1 }
                        let attributeName = nameStart..<at
                        while at < count && isSpace(buffer[at]) { at += 1 }
                        guard at < count, buffer[at] == equals, !attributeName.isEmpty else { return index }
                        at += 1
                        while at < count && isSpace(buffer[at]) { at += 1 }
                        guard at < count, buffer[at] == quote || buffer[at] == apostrophe else { return index }
                        let delimiter = buffer[at]
                        let valueStart = at + 1
                        at = valueStart
                        while at < count && buffer[at] != delimiter { at += 1 }
                        guard at < count else { return index }
                        names.append(attributeName)
                        values.append(valueStart..<at)
                        at += 1
                    }
                    if sawRoot && depth == 0 { return index }  // a second root element
                    sawRoot = true
                    let local = localName(buffer, name)
                    start(local, Attributes(buffer: buffer, names: names, values: values))
                    if selfClosing { end(local) } else { depth += 1 }
                    index = at
                }
            }
            return depth == 0 && sawRoot ? nil : count
        }
        if let failure {
            let line = bytes.prefix(failure).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw IngestError(
                cause: .damagedWorkbook(part: part, .malformedXML(line: line)))
        }
    }

    /// The name without its namespace prefix, as a view of the scanned bytes (no copy).
    static func localName(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        var start = range.upperBound
        while start > range.lowerBound && buffer[start - 1] != UInt8(ascii: ":") { start -= 1 }
        return UnsafeBufferPointer(rebasing: buffer[start..<range.upperBound])
    }

    /// Appends text with entities and character references resolved, and OOXML's `_xHHHH_`
    /// escapes (ECMA-376 part 1, 22.9.2.19: how Excel keeps a carriage return or a control
    /// character) turned back into their characters. Unknown entities stay as written.
    static func appendDecoded(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to out: inout [UInt8], literal: Bool = false) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = buffer[index]
            if byte == ampersand && !literal,
                let semicolon = (index + 1..<Swift.min(end, index + 12)).first(where: { buffer[$0] == UInt8(ascii: ";") })
            {
                let name = buffer[(index + 1)..<semicolon]
                if let scalar = entity(name) {
                    appendScalar(scalar, to: &out)
                    index = semicolon + 1
                    continue
                }
            }
            if byte == underscore, index + 6 < end, buffer[index + 1] == UInt8(ascii: "x"), buffer[index + 6] == underscore,
                let value = UInt32(String(decoding: buffer[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                appendScalar(scalar, to: &out)
                index += 7
                continue
            }
            out.append(byte)
            index += 1
        }
    }

    private static func entity(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        switch Array(name) {
        case Array("amp".utf8): return "&"
        case Array("lt".utf8): return "<"
        case Array("gt".utf8): return ">"
        case Array("quot".utf8): return "\""
        case Array("apos".utf8): return "'"
        default:
            guard name.first == UInt8(ascii: "#") else { return nil }
            let digits = String(decoding: name.dropFirst(), as: UTF8.self)
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init)
        }
    }

    private static func appendScalar(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: String(Character(scalar)).utf8)
    }
}

private let lt = UInt8(ascii: "<")
private let gt = UInt8(ascii: ">")
private let slash = UInt8(ascii: "/")
private let equals = UInt8(ascii: "=")
private let quote = UInt8(ascii: "\"")
private let apostrophe = UInt8(ascii: "'")
private let ampersand = UInt8(ascii: "&")
private let underscore = UInt8(ascii: "_")
private let cdataOpen = Array("<![CDATA[".utf8)
private let cdataClose = Array("]]>".utf8)
private let commentOpen = Array("<!--".utf8)
private let commentClose = Array("-->".utf8)
