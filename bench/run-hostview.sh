#!/usr/bin/env bash
# What a handler run costs when the host snapshot is new and its `host` view must be built, against
# the number of flows on the host (io.cuttle.bench.policy.HostViewBench, GraalJS interpreter).
# Usage: bench/run-hostview.sh [iterations=300] [flow counts...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
if [ ! -f bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl bench -am package >&2
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -cp "bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.cuttle.bench.policy.HostViewBench "$@"
