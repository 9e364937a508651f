#!/usr/bin/env bash
# Annotation pacing, side by side in one session: 10,000 subscribers, 100 topology events/s and one
# 10,000-link annotation round, with the round sent as one delta (spread 0) and paced over 10 s.
# Prints the RESULT and TIMELINE lines (the numbers in BENCHMARKS.md).
# Usage: bench/run-pacing.sh [subscribers=10000] [linger ms=50]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
linger=${2:-50}
out=bench/target/pacing.log
mkdir -p bench/target
: > "$out"
BENCH_REBUILD=1 bench/run-distribution.sh 10 100 1 1 >/dev/null 2>&1 || true   # build once
for spread in 0 10000; do
  echo "=== subscribers=$n linger=${linger}ms annotation-spread=${spread}ms ===" | tee -a "$out"
  LINGER_MS=$linger SPREAD_MS=$spread bench/run-distribution.sh "$n" 10000 100 30 2>/dev/null \
    | grep -E "RESULT|TIMELINE|annotation" | tee -a "$out"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
