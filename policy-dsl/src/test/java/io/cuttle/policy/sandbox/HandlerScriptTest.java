package io.cuttle.policy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HandlerScriptTest {
  private static SandboxEngine engine;
  private static final SandboxLimits LIMITS = new SandboxLimits(2_000_000, Duration.ofSeconds(60), 32L << 20);

  @BeforeAll
  static void start() {
    engine = SandboxEngine.create();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static HandlerScript load(String src) {
    ScriptLoad l = HandlerScript.load(engine, "h.js", src, LIMITS, Map.of(), "0");
    assertThat(l).isInstanceOf(ScriptLoad.Loaded.class);
    return ((ScriptLoad.Loaded) l).script();
  }

  private static HandlerFailure fail(String src, String fn) {
    try (HandlerScript s = load(src)) {
      CallResult r = s.call(fn);
      assertThat(r).isInstanceOf(CallResult.Failed.class);
      return ((CallResult.Failed) r).failure();
    }
  }

  @Test
  void returnsValues() {
    try (HandlerScript s = load("function f(a) { return a * 2; }")) {
      CallResult r = s.call("f", 21);
      assertThat(((CallResult.Returned) r).value().asInt()).isEqualTo(42);
    }
  }

  @Test
  void syntaxErrorHasLine() {
    ScriptLoad l = HandlerScript.load(engine, "bad.js", "function f() {\n  return 1 +;\n}", LIMITS, Map.of(), "0");
    HandlerFailure f = ((ScriptLoad.Failed) l).failure();
    assertThat(f.kind()).isEqualTo(FailureKind.SYNTAX);
    assertThat(f.line()).isEqualTo(2);
  }

  @Test
  void infiniteLoopHitsStatementLimit() {
    HandlerFailure f = fail("function f() {\n  while (true) {}\n}", "f");
    assertThat(f.kind()).isEqualTo(FailureKind.STATEMENT_LIMIT);
    assertThat(f.line()).isEqualTo(2);
  }

  @Test
  void slowLoopHitsTimeBudget() {
    // Few statements, each slow: a sort of a large array keeps one statement busy.
    SandboxLimits roomy = new SandboxLimits(Long.MAX_VALUE, Duration.ofMillis(300), 1L << 40);
    ScriptLoad l = HandlerScript.load(engine, "slow.js", "function f() {\n  let a = [];\n"
        + "  for (let i = 0; i < 200000; i++) a.push((i * 7919) % 100003);\n  for (;;) { a.sort(); a.reverse(); }\n}",
        roomy, Map.of(), "0");
    try (HandlerScript s = ((ScriptLoad.Loaded) l).script()) {
      long t0 = System.nanoTime();
      HandlerFailure f = ((CallResult.Failed) s.call("f")).failure();
      assertThat(f.kind()).isEqualTo(FailureKind.TIME_BUDGET);
      assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(20).toNanos());
    }
  }

  @Test
  void deepRecursionIsAThrownRangeError() {
    HandlerFailure f = fail("function r(n) { return r(n + 1) + 1; }\nfunction f() {\n  return r(0);\n}", "f");
    assertThat(f.kind()).isEqualTo(FailureKind.THROWN);
    assertThat(f.message()).contains("RangeError");
    assertThat(f.line()).isEqualTo(1);
  }

  @Test
  void hugeAllocationHitsMemoryBudget() {
    HandlerFailure f = fail("function f() {\n  const a = [];\n  for (;;) a.push(new Array(100000).fill(1.5));\n}", "f");
    assertThat(f.kind()).isEqualTo(FailureKind.MEMORY_BUDGET);
  }

  @Test
  void oneHugeArrayIsStopped() {
    HandlerFailure f = fail("function f() {\n  return new Array(2 ** 31).fill(0).length;\n}", "f");
    assertThat(f.kind()).isIn(FailureKind.MEMORY_BUDGET, FailureKind.THROWN, FailureKind.TIME_BUDGET);
  }

  @Test
  void noJavaNoHostNoIo() {
    assertThat(fail("function f() { return Java.type('java.lang.System'); }", "f").kind()).isEqualTo(FailureKind.THROWN);
    assertThat(fail("function f() { return Polyglot.eval('js', '1'); }", "f").kind()).isEqualTo(FailureKind.THROWN);
    assertThat(fail("function f() { return load('/etc/passwd'); }", "f").kind()).isEqualTo(FailureKind.THROWN);
    assertThat(fail("function f() { return require('fs'); }", "f").kind()).isEqualTo(FailureKind.THROWN);
    assertThat(fail("function f() { return fetch('http://127.0.0.1/'); }", "f").kind()).isEqualTo(FailureKind.THROWN);
    assertThat(fail("function f() { return new XMLHttpRequest(); }", "f").kind()).isEqualTo(FailureKind.THROWN);
    assertThat(fail("function f() { return quit(); }", "f").kind()).isEqualTo(FailureKind.THROWN);
  }
}
