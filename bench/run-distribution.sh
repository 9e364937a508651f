#!/usr/bin/env bash
# State-distribution benchmark: one controller process, N subscribers in a second process, each
# on its own TCP connection over loopback. Prints both processes' RESULT lines.
# Usage: bench/run-distribution.sh N [links=10000] [events/s=100] [load seconds=30]
# Environment: LINGER_MS (controller's coalescing window, default 0), CONNECTS_PER_S (default 1000),
# SPREAD_MS (annotation pacing: how long the round may take to go out; default 0 = one delta),
# CONTROLLER_CP (the controller process's classpath, default this build's: to run an older build's
# controller against the same subscribers, side by side).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
n=${1:?usage: bench/run-distribution.sh SUBSCRIBERS [LINKS] [EVENTS_PER_S] [SECONDS]}
links=${2:-10000}
rate=${3:-100}
seconds=${4:-30}
routers=$(( links / 4 ))
port=${BENCH_PORT:-17420}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ ! -f bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl bench -am package >&2
fi
cp="bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
opts=(--enable-native-access=ALL-UNNAMED -XX:+UseParallelGC)
mkdir -p bench/target
gclog() { echo "-Xlog:gc:file=bench/target/gc-$1.log:uptime"; }
"$JAVA_HOME/bin/java" "${opts[@]}" "$(gclog controller)" ${CONTROLLER_OPTS:-} -Xmx6g -cp "${CONTROLLER_CP:-$cp}" io.cuttle.bench.BenchController \
  "$port" "$n" "$routers" "$links" "$rate" "$seconds" "${LINGER_MS:-0}" "${SPREAD_MS:-0}" &
ctl=$!
trap 'kill $ctl 2>/dev/null || true' EXIT
sleep 3
"$JAVA_HOME/bin/java" "${opts[@]}" "$(gclog subscribers)" -Xmx8g -cp "$cp" io.cuttle.bench.BenchSubscribers "$port" "$n" "${CONNECTS_PER_S:-1000}"
wait $ctl
