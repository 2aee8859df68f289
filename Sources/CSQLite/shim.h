#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro (a cast of -1 to a function pointer) that Swift does not import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
