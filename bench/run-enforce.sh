#!/usr/bin/env bash
# Enforcement latency: desired state changed -> rules active in the kernel, for 1, 10 and 100 apps,
# Linux adapter in a network namespace of its own. Needs root. Prints RESULT lines.
# Usage: bench/run-enforce.sh [name prefix=ce-b] [rounds for 1,10,100 apps=200,100,30]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
if [ ! -f bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl bench -am package >&2
fi
cp="bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
"$JAVA_HOME/bin/java" -cp "$cp" io.cuttle.bench.EnforceLatencyBench "${1:-ce-b}" "${2:-200,100,30}"
