#!/usr/bin/env bash
# Handler-engine benchmark (io.cuttle.bench.policy.PolicyBench), run twice in one go: once with the
# GraalJS interpreter (stock JDK), once with the Graal JIT compiling guest code when a compiler
# matching this JDK's exact version can be fetched (the compiler must not be newer than the JDK).
# Usage: bench/run-policy.sh [links=10000] [iterations=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
links=${1:-10000}
iterations=${2:-2000}
if [ ! -f bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl bench -am package >&2
fi
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g)
echo "== interpreter only"
"${java[@]}" -cp "bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  io.cuttle.bench.policy.PolicyBench "$links" "$iterations"

jdk=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')
mkdir -p bench/target/jit
compiler=bench/target/jit/compiler-$jdk.jar
if [ ! -f "$compiler" ]; then
  ./mvnw -B -q -ntp dependency:copy -Dartifact="org.graalvm.compiler:compiler:$jdk" \
    -DoutputDirectory=bench/target/jit >&2 || true
fi
if [ ! -f "$compiler" ]; then
  echo "== Graal JIT: no org.graalvm.compiler:compiler:$jdk available for this JDK; interpreter results only"
  exit 0
fi
truffle='polyglot|truffle-api|truffle-runtime|truffle-compiler|js-language|regex|icu4j|collections|word|nativeimage|jniutils|xz'
mp=$(ls bench/target/lib/*.jar | grep -E "/($truffle)-[0-9]" | paste -sd: -)
cp=bench/target/cuttle-bench-0.1.0-SNAPSHOT.jar:$(ls bench/target/lib/*.jar | grep -v -E "/($truffle)-[0-9]" | paste -sd: -)
echo "== Graal JIT (compiler $jdk)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED,org.graalvm.truffle -Xmx1g -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path="$compiler" \
  --module-path "$mp" --add-modules ALL-MODULE-PATH -cp "$cp" io.cuttle.bench.policy.PolicyBench "$links" "$iterations"
