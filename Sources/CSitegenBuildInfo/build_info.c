// The commit comes from commit.h, beside this file: written by scripts/stamp-commit (which
// scripts/site, scripts/test and so CI run before building) and ignored by git. Without it the
// commit is "" and the binary still builds: `swift build` alone needs nothing but the source.
// Only this file includes it, so a new commit recompiles this file and relinks, nothing more
// (the compiler's dependency file names commit.h once it exists; scripts/stamp-commit touches
// this file when it creates or removes commit.h, which no dependency file can know of).
#include "CSitegenBuildInfo.h"

#if __has_include("commit.h")
#include "commit.h"
#endif

#ifndef SITEGEN_COMMIT
#define SITEGEN_COMMIT ""
#endif

const char *sitegen_build_commit(void) { return SITEGEN_COMMIT; }
