import CSQLiteSettings
import Foundation
import TestSupport
import Testing

/// An import sends the database's pages to the disk as it goes (`atbalsts_start_writeback`,
/// issue 19), so the commit's sync waits for the last few only. The call is declared by hand
/// (the C library declares it only under _GNU_SOURCE): on Linux it must reach the kernel.
struct WritebackTests {
    @Test func startingWritebackReachesTheKernel() throws {
        let workspace = try TestWorkspace()
        let url = workspace.url("pages")
        try Data(repeating: 7, count: 1 << 20).write(to: url)
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(atbalsts_start_writeback(descriptor) == 0)
        #if os(Linux)
            #expect(atbalsts_start_writeback(-1) == -1 && errno == EBADF, "a real call, not a stand-in")
        #endif
    }
}
