#!/usr/bin/env bash
# OSPF LSA notification -> delta on the wire (see BENCHMARKS.md). Usage: bench/run-ospf-latency.sh [ROUNDS]
# The comparison phase (whole graph rebuilt per change) runs ROUNDS rounds, 300 at 10,000 routers.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
rounds=${1:-3000}
if [ ! -f bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl bench -am package >&2
fi
cp="bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
for routers in 100 1300 10000; do
  rebuild=$rounds
  if [ "$routers" -ge 10000 ] && [ "$rounds" -gt 300 ]; then rebuild=300; fi
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$cp" io.cuttle.bench.BenchOspfLatency \
    "$routers" "$rounds" 1000 "$rebuild" 2>/dev/null | grep RESULT
done
