package io.cuttle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cuttle policy check|test|types} on files written by the test. */
class PolicyCommandTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = CuttleCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static final String HANDLER = """
      function exception(net) { return !net.link('wan1').up; }
      function fire(net, host) { register(h); }
      function h(net, host) {
        if (!exception(net)) { deregister(h); return; }
        for (const a of host.apps) if (a.is('bulk')) block(a);
      }
      """;

  private static final String SCENARIO = """
      name: wan1 down blocks bulk
      network:
        links: [{name: wan1, a: r1, b: r2}]
      host:
        apps: [{name: rsync, class: bulk, user: carol, up: 10Mbit/s}]
      steps:
        - name: up
          expect: {restrictions: {}}
        - name: down
          links: {wan1: {state: down}}
          expect: {restrictions: {rsync: {block: true}}, status: registered}
        - name: up again
          links: {wan1: {state: up}}
          expect: {restrictions: %s, status: watching}
      """;

  @Test
  void checkReportsLineColumnAndExitsOne() throws Exception {
    Path good = Files.writeString(dir.resolve("good.js"), HANDLER);
    Path bad = Files.writeString(dir.resolve("bad.js"), "function exception(net) {\n  return net.lnk('x');\n}\n");
    Run ok = run("policy", "check", good.toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).contains("good.js: ok");
    Run r = run("policy", "check", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("bad.js:2:14: error: net.lnk: expected one of").contains("got 'lnk'")
        .contains("expected a function fire(net, host), got none");
  }

  @Test
  void testPassesAndFailsLikeATestRunner() throws Exception {
    Path h = Files.writeString(dir.resolve("wan.js"), HANDLER);
    Path pass = Files.writeString(dir.resolve("pass.yaml"), SCENARIO.formatted("{}"));
    Path fail = Files.writeString(dir.resolve("fail.yaml"), SCENARIO.formatted("{rsync: {block: true}}"));
    Run ok = run("policy", "test", h.toString(), "--scenario", pass.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("PASS down").contains("PASSED: 3 of 3 steps passed");
    Run bad = run("policy", "test", h.toString(), "-s", pass.toString(), "-s", fail.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).contains("FAIL up again (line 12)")
        .contains("restrictions.rsync: expected block, got nothing").contains("1 of 2 scenario(s) failed");
  }

  @Test
  void badScenarioIsADiagnostic() throws Exception {
    Path h = Files.writeString(dir.resolve("wan.js"), HANDLER);
    Path s = Files.writeString(dir.resolve("s.yaml"), "steps:\n  - expect: {restrictions: {x: {maxUp: fast}}}\n");
    Run r = run("policy", "test", h.toString(), "-s", s.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("s.yaml:2:").contains("expected a rate such as 100Mbit/s, got 'fast'");
  }

  @Test
  void typesPrintsTheDeclarations() {
    Run r = run("policy", "types");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("declare function restrict(").contains("interface Net {");
  }

  @Test
  void explainWithoutADaemonSaysSo() {
    Run r = run("policy", "explain", "--admin", "127.0.0.1:1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("cannot reach the daemon");
  }
}
