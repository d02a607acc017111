import CFileMap
import Foundation

/// The bytes a reader reads: an array, or a file mapped into memory (`MappedFile`), either of
/// them from an offset on (a byte-order mark left out without copying the rest). Readers work on
/// the buffer `withUnsafeBufferPointer` lends them; offsets are from the view's first byte.
public struct InputBytes: Sendable {
    private enum Storage: Sendable {
        case array([UInt8])
        case mapped(MappedFile)
    }

    private let storage: Storage
    private let start: Int
    public let count: Int

    public init(_ bytes: [UInt8]) {
        storage = .array(bytes)
        start = 0
        count = bytes.count
    }

    init(_ file: MappedFile) {
        storage = .mapped(file)
        start = 0
        count = file.count
    }

    private init(_ storage: Storage, start: Int, count: Int) {
        self.storage = storage
        self.start = start
        self.count = count
    }

    public var isEmpty: Bool { count == 0 }

    /// The bytes after the first `dropped`, sharing these.
    func dropFirst(_ dropped: Int) -> InputBytes {
        let dropped = Swift.min(dropped, count)
        return InputBytes(storage, start: start + dropped, count: count - dropped)
    }

    @inline(__always)
    public func withUnsafeBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        switch storage {
        case .array(let array):
            return try array.withUnsafeBufferPointer { (whole) throws(Failure) -> Result in
                try body(UnsafeBufferPointer(rebasing: whole[start..<(start + count)]))
            }
        case .mapped(let file):
            return try withExtendedLifetime(file) { () throws(Failure) -> Result in
                try body(UnsafeBufferPointer(start: file.base + start, count: count))
            }
        }
    }

    /// The bytes as an array: the array itself when these are all of one, else a copy.
    public var array: [UInt8] {
        if case .array(let array) = storage, start == 0, count == array.count { return array }
        return withUnsafeBufferPointer { Array($0) }
    }

    /// Bytes `range` (offsets into these): a slice of the array, or a copy of mapped bytes.
    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "bytes \(range) of \(count)")
        if case .array(let array) = storage { return array[(start + range.lowerBound)..<(start + range.upperBound)] }
        return withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[range]))[...] }
    }

    func prefix(_ length: Int) -> ArraySlice<UInt8> { slice(0..<Swift.min(length, count)) }

    func starts(with prefix: [UInt8]) -> Bool { self.prefix(prefix.count).elementsEqual(prefix) }

    /// A mapped file that was found shorter than mapped while it was read, or is another size
    /// now: what was read from it is not the file. Never for an array.
    public var changedWhileRead: Bool {
        if case .mapped(let file) = storage { return file.changedWhileRead }
        return false
    }
}

/// A regular file's bytes mapped read-only, unmapped when the last holder lets go. The pages
/// are the page cache's own: no fresh buffer is faulted in and no byte copied (issue 19).
/// A file cut short while mapped is noticed, not a crash (`CFileMap`): `changedWhileRead`.
final class MappedFile: @unchecked Sendable {  // immutable; the pages are only read
    let base: UnsafePointer<UInt8>
    let count: Int
    private let number: Int32
    private let descriptor: Int32
    /// The file as mapped: a write to it since (in place, at the same size) changes its times.
    private let mapped: FileIdentity

    /// The first `size` bytes of `descriptor` (an open regular file, kept open until the mapping
    /// goes); nil when the file cannot be mapped, and is to be read instead.
    init?(descriptor: Int32, size: Int) {
        guard size > 0 else { return nil }
        let copy = dup(descriptor)
        guard copy >= 0 else { return nil }
        guard let identity = FileIdentity(copy) else {
            close(copy)
            return nil
        }
        var base: UnsafePointer<UInt8>?
        let number = atbalsts_map_file(copy, size, &base)
        guard number >= 0, let base else {
            close(copy)
            return nil
        }
        self.base = base
        self.count = size
        self.number = number
        self.descriptor = copy
        mapped = identity
    }

    deinit {
        atbalsts_unmap_file(number)
        close(descriptor)
    }

    /// A read found the file shorter than mapped (and read zeros), or it is another size now,
    /// or it was written since it was mapped: the pages not yet read show what was written, so
    /// what was read (and hashed, at another time) may be two versions of the file.
    var changedWhileRead: Bool {
        if atbalsts_mapping_faulted(number) != 0 { return true }
        guard let now = FileIdentity(descriptor) else { return true }
        return now != mapped || now.size != count
    }
}

/// What `fstat` says of an open file that a write to it changes: its size, and its times of
/// modification and of status change (the kernel's clock for them ticks every few milliseconds,
/// so a write within the same tick as the mapping goes unseen).
private struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int
    let modified: timespec
    let changed: timespec

    init?(_ descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int(status.st_size)
        modified = status.st_mtim
        changed = status.st_ctim
    }

    static func == (a: Self, b: Self) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }
}
