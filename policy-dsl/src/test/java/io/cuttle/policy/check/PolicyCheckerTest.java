package io.cuttle.policy.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.policy.sandbox.SandboxEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCheckerTest {
  private static SandboxEngine sandbox;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    sandbox = SandboxEngine.create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private List<Finding> check(String js, String manifest) throws Exception {
    Path f = dir.resolve("h.js");
    Files.writeString(f, js);
    if (manifest != null) {
      Files.writeString(dir.resolve("h.manifest.yaml"), manifest);
    }
    return PolicyChecker.check(sandbox, f);
  }

  @Test
  void cleanHandlerHasNoFindings() throws Exception {
    assertThat(check("""
        function exception(net) { return net.site(params.site).upstream.load > params.limit; }
        function fire(net, host) { register(h); }
        function h(net, host) { for (const a of host.apps) restrict(a, {maxUp: 1 * Mbit}); }
        """, "params:\n  site: {type: string, default: x}\n  limit: {type: rate, default: 1Mbit/s}\n")).isEmpty();
  }

  @Test
  void syntaxErrorWithLineAndColumn() throws Exception {
    List<Finding> f = check("function exception(net) {\n  return net.version >;\n}\nfunction fire(n, h) {}\n", null);
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.line()).isEqualTo(2);
      assertThat(x.column()).isGreaterThan(1);
      assertThat(x.message()).startsWith("SYNTAX");
    });
  }

  @Test
  void sideEffectsInThePredicateAndUnknownMembers() throws Exception {
    List<Finding> f = check("""
        function exception(net) {
          // block('x') in a comment is fine
          notify('alice', "restrict('x')");
          return net.sties.length > 0;
        }
        function fire(net, host) { host.aps.forEach(a => block(a)); }
        """, null);
    assertThat(f).extracting(Finding::toString).containsExactly(
        "h.js:3:3: error: exception(net) must have no side effects: expected no call to notify(), got one",
        "h.js:4:14: error: net.sties: expected one of version, staleness, self, sites, links, events, site, link, "
            + "linksWithLabel, pathTo, usesLabel, got 'sties'",
        "h.js:6:33: error: host.aps: expected one of name, apps, users, app, user, got 'aps'");
  }

  @Test
  void missingFireAndBadManifest() throws Exception {
    List<Finding> f = check("function exception(net) { return false; }\n",
        "params:\n  limit: {type: rate, default: fast}\n");
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.toString()).contains("h.manifest.yaml:2:").contains("expected a rate such as 100Mbit/s, got 'fast'");
    });
    Files.delete(dir.resolve("h.manifest.yaml"));
    assertThat(check("function exception(net) { return false; }\n", null)).extracting(Finding::message)
        .containsExactly("expected a function fire(net, host), got none");
  }
}
