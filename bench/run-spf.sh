#!/usr/bin/env bash
# SPF benchmark: full (graph + tree from scratch) against incremental (derived from the previous
# version after one random link change), on synthetic topologies of 1,300 and 10,000 routers.
# Usage: bench/run-spf.sh [changes=300]    Environment: BENCH_REBUILD=1 to rebuild the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
changes=${1:-300}
if [ ! -f bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl bench -am package >&2
fi
cp="bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
for routers in 1300 10000; do
  "$JAVA_HOME/bin/java" -Xmx3g -cp "$cp" io.cuttle.bench.BenchSpf "$routers" $(( routers * 2 )) "$changes" 1 \
    2>&1 | grep -E '^(#|RESULT)'
done
