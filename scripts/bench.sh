#!/usr/bin/env bash
# Runs the benchmarks of docs/benchmarks.md. Arguments go to the benchmark, for example:
#   scripts/bench.sh                      default: 100 MB and 1 GB, startup, memory (under 15 minutes on 2 cores)
#   scripts/bench.sh --sizes=100          quick run
#   scripts/bench.sh --with-4g            adds the 4 GB case
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -Pbench -pl benchmarks -am -DskipTests package -Dbench.args="$*"
