#!/usr/bin/env bash
# Flow accounting vs nethogs -t on the same load (bulk TCP, 50k UDP datagrams/s, 1000 connections/s)
# in namespaces cgfb-a/cgfb-b (client of phase (c) in cgroup cg-bench-client) that the harness creates and deletes. Needs root, iperf3, nethogs, python3.
# Usage: bench/run-flows.sh [seconds per phase=10] [kernel|capture: how UDP is counted, default kernel]
#    or bench/run-flows.sh sender-cost [rounds=5] [seconds=4]  (the sender's CPU per datagram: none / nft table / capture)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
if [ ! -f bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl bench -am package >&2
fi
cp="bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx96m -Xss512k \
  -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" io.cuttle.bench.BenchFlows "${1:-10}" "${2:-kernel}" ${3:+"$3"}
