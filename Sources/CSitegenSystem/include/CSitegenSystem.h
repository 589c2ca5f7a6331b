// Linux system calls that Swift's Glibc module does not declare, checked by the C compiler
// here instead of looked up by name at run time.
#ifndef CSITEGEN_SYSTEM_H
#define CSITEGEN_SYSTEM_H

/// Swaps the two paths atomically (renameat2 with RENAME_EXCHANGE, Linux 3.15, glibc 2.28):
/// 0, or -1 with errno set (EINVAL where the file system cannot).
int sitegen_exchange_paths(const char *a, const char *b);

#endif
