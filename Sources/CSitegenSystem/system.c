#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/inotify.h>
#include "CSitegenSystem.h"

int sitegen_exchange_paths(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

int sitegen_rename_noreplace(const char *from, const char *to) {
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
}

int sitegen_inotify_init(void) {
    return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
}

// The shim's constants are the header's own: a mismatch stops the build here.
_Static_assert(SITEGEN_IN_MODIFY == IN_MODIFY && SITEGEN_IN_CLOSE_WRITE == IN_CLOSE_WRITE, "inotify bits");
_Static_assert(SITEGEN_IN_MOVED_FROM == IN_MOVED_FROM && SITEGEN_IN_MOVED_TO == IN_MOVED_TO, "inotify bits");
_Static_assert(SITEGEN_IN_CREATE == IN_CREATE && SITEGEN_IN_DELETE == IN_DELETE, "inotify bits");
_Static_assert(SITEGEN_IN_DELETE_SELF == IN_DELETE_SELF && SITEGEN_IN_MOVE_SELF == IN_MOVE_SELF, "inotify bits");
_Static_assert(SITEGEN_IN_Q_OVERFLOW == IN_Q_OVERFLOW && SITEGEN_IN_IGNORED == IN_IGNORED, "inotify bits");
_Static_assert(SITEGEN_IN_ISDIR == IN_ISDIR, "inotify bits");
