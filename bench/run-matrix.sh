#!/usr/bin/env bash
# Runs the distribution benchmark for 1,000 and 10,000 subscribers, each with linger 0, 50 and 200 ms,
# back to back in one session, and prints the RESULT lines (the numbers in BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/target/matrix.log}
mkdir -p "$(dirname "$out")"
: > "$out"
BENCH_REBUILD=1 bench/run-distribution.sh 10 100 1 1 >/dev/null 2>&1 || true   # build once
for n in 1000 10000; do
  for linger in 0 50 200; do
    echo "=== subscribers=$n linger=${linger}ms ===" | tee -a "$out"
    LINGER_MS=$linger bench/run-distribution.sh "$n" 10000 100 30 2>/dev/null \
      | grep -E "RESULT|TIMELINE|annotation round|all snapshots" | tee -a "$out"
  done
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), java $("${JAVA_HOME:-/usr}"/bin/java -version 2>&1 | head -1)" | tee -a "$out"
