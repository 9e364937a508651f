#!/usr/bin/env bash
# WAN failover: `ip link set wan down` on the branch router -> block in the host's kernel, next to the
# routers' own route changes, per trial (see BENCHMARKS.md). Needs root and FRR; builds lab/wan-lab.sh
# under the prefix and removes it at the end. Prints a row per trial and RESULT lines.
# Usage: bench/run-failover.sh [key=value ...]  (prefix=cfo trials=30 warmup=3 ctl-net=172.31.227 linger=50ms)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
if [ ! -f bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl bench -am package >&2
fi
cp="bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.cuttle.bench.failover.FailoverBench "$@"
