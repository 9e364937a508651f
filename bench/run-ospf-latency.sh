#!/usr/bin/env bash
# OSPF LSA notification -> delta on the wire (see BENCHMARKS.md).
# Usage: bench/run-ospf-latency.sh [ROUNDS=3000] [SCENARIOS=cost,link,restart,stub,external]
# Environment: ROUTERS (default "100 1300 10000"); BENCH_REBUILD=1 rebuilds the jar; BEFORE_CP=class path
# of an earlier controller (its jar and test jar), put first, to measure that controller with this harness;
# REBUILD_ROUNDS: rounds of the comparison phase (whole graph rebuilt per change), default ROUNDS and
# at most 200 at 10,000 routers (0 skips it); WARMUP: warm-up rounds (default 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
rounds=${1:-3000}
scenarios=${2:-cost,link,restart,stub,external}
if [ ! -f bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl bench -am package >&2
fi
cp="bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
if [ -n "${BEFORE_CP:-}" ]; then
  cp="$BEFORE_CP:$cp"
fi
for scenario in ${scenarios//,/ }; do
  for routers in ${ROUTERS:-100 1300 10000}; do
    rebuild=${REBUILD_ROUNDS:-$rounds}
    if [ "$routers" -ge 10000 ] && [ "$rebuild" -gt 200 ]; then rebuild=200; fi
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$cp" \
      io.cuttle.bench.BenchOspfLatency "$routers" "$rounds" "${WARMUP:-1000}" "$rebuild" "$scenario" 2>/dev/null | grep RESULT
  done
done
