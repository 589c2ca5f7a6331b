// Linux system calls that Swift's Glibc module does not declare, checked by the C compiler
// here instead of looked up by name at run time.
#ifndef CSITEGEN_SYSTEM_H
#define CSITEGEN_SYSTEM_H

/// Swaps the two paths atomically (renameat2 with RENAME_EXCHANGE, Linux 3.15, glibc 2.28):
/// 0, or -1 with errno set (EINVAL where the file system cannot).
int sitegen_exchange_paths(const char *a, const char *b);

/// Renames `from` to `to` unless `to` exists (renameat2 with RENAME_NOREPLACE): 0, or -1 with
/// errno set (EEXIST when `to` exists, EINVAL where the file system cannot).
int sitegen_rename_noreplace(const char *from, const char *to);

/// inotify's event bits (<sys/inotify.h>), which Swift's Glibc module imports inconsistently.
enum {
    SITEGEN_IN_MODIFY = 0x00000002, SITEGEN_IN_CLOSE_WRITE = 0x00000008, SITEGEN_IN_MOVED_FROM = 0x00000040,
    SITEGEN_IN_MOVED_TO = 0x00000080, SITEGEN_IN_CREATE = 0x00000100, SITEGEN_IN_DELETE = 0x00000200,
    SITEGEN_IN_DELETE_SELF = 0x00000400, SITEGEN_IN_MOVE_SELF = 0x00000800, SITEGEN_IN_Q_OVERFLOW = 0x00004000,
    SITEGEN_IN_IGNORED = 0x00008000, SITEGEN_IN_ISDIR = 0x40000000,
};

/// A non-blocking, close-on-exec inotify instance: its descriptor, or -1 with errno set.
int sitegen_inotify_init(void);

#endif
