// sqlite3_config is variadic, which Swift cannot call: its one use here is wrapped.
#include <sqlite3.h>

// Memory statistics off: with them on, every allocation SQLite makes takes a global mutex, and
// Debian's build has no lookaside, so every small allocation is one (issue 19: a tenth of the
// inserting thread at 300,000 rows). Only before SQLite is initialised; SQLITE_MISUSE after.
static inline int atbalsts_sqlite_memory_statistics_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
