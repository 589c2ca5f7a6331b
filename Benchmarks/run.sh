#!/usr/bin/env bash
# Builds sitegen (release) and runs the side-by-side benchmark; arguments go to run.py.
#   Benchmarks/run.sh --sizes 1000,10000,100000 --runs 3
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap hugo time
swift build -c release --product sitegen
exec python3 Benchmarks/run.py "$@"
