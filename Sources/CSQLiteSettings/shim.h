// sqlite3_config is variadic, which Swift cannot call: its one use here is wrapped.
#include <sqlite3.h>

// Memory statistics off: with them on, every allocation SQLite makes takes a global mutex, and
// Debian's build has no lookaside, so every small allocation is one (issue 19: a tenth of the
// inserting thread at 300,000 rows). Only before SQLite is initialised; SQLITE_MISUSE after.
static inline int atbalsts_sqlite_memory_statistics_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

// Starts writing the file's dirty pages to the disk without waiting for them (Linux's
// sync_file_range with SYNC_FILE_RANGE_WRITE; elsewhere nothing). A large import's pages are
// then mostly on the disk by the time its commit syncs the file, which otherwise waited for all
// of them at once (issue 19: 76 ms at 300,000 rows). It changes nothing of what the sync
// promises. Declared here: the C library declares it only under _GNU_SOURCE.
#if defined(__linux__)
#include <stdint.h>
extern int sync_file_range(int fd, int64_t offset, int64_t nbytes, unsigned int flags);
static inline int atbalsts_start_writeback(int descriptor) {
    return sync_file_range(descriptor, 0, 0, 2 /* SYNC_FILE_RANGE_WRITE */);
}
#else
static inline int atbalsts_start_writeback(int descriptor) {
    (void)descriptor;
    return 0;
}
#endif
