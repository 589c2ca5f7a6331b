// What `sitegen --version` prints besides the version: the commit the binary was built from.
#ifndef CSITEGEN_BUILD_INFO_H
#define CSITEGEN_BUILD_INFO_H

/// The git commit of the source this binary was built from (12 hex digits, with `-modified`
/// when tracked files differ from it), as scripts/stamp-commit wrote it into commit.h before the
/// build; "" when it did not run (a plain `swift build`, or a copy of the source outside git).
const char *sitegen_build_commit(void);

#endif
