package io.cuttle.policy.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.Diagnostic;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {
  @Test
  void readsNetworkHostAndSteps() {
    Scenario s = ((ScenarioReader.Result.Read) ScenarioReader.read("s.yaml", """
        name: n
        self: 10.1.0.1
        network:
          links: [{name: wan1, a: r1, b: r2, capacity: 1Gbit/s, labels: [wan]}]
          prefixes: [{prefix: 10.1.0.0/24, router: r1}]
          sites: [{name: c, prefixes: [10.1.0.0/16], uplinks: [{link: wan1, inside: r1}]}]
        host:
          apps: [{name: a, class: bulk, user: u, up: 2Mbit/s}]
        steps:
          - name: one
            links: {wan1: {state: down}}
            expect: {restrictions: {a: {maxUp: 1Mbit/s, dscp: EF}}, status: registered}
        """)).scenario();
    assertThat(s.links()).singleElement().satisfies(l -> assertThat(l.initial().capacity()).hasValue(1_000_000_000L));
    assertThat(s.apps().get(0).rate().upBps()).isEqualTo(2e6);
    Scenario.Step step = s.steps().get(0);
    assertThat(step.line()).isEqualTo(10);
    assertThat(step.links().get("wan1").up()).contains(false);
    assertThat(step.expect().restrictions().orElseThrow().get("a").dscp()).hasValue(46);
  }

  @Test
  void problemsAreDiagnostics() {
    List<Diagnostic> d = ((ScenarioReader.Result.Invalid) ScenarioReader.read("s.yaml", """
        self: not-an-address
        steps:
          - links: {wan1: {state: sideways}}
            expect: {status: asleep, restrictions: {a: {}}}
        """)).diagnostics();
    assertThat(d).extracting(Diagnostic::toString).anySatisfy(x -> assertThat(x).startsWith("s.yaml:1:7: self: expected an IP address"))
        .anySatisfy(x -> assertThat(x).startsWith("s.yaml:3:27: steps[0].links.wan1.state: expected up or down, got 'sideways'"))
        .anySatisfy(x -> assertThat(x).contains("expect.status: expected watching, registered or failed, got 'asleep'"))
        .anySatisfy(x -> assertThat(x).contains("expected at least one of maxUp, maxDown, block: true, dscp"));
  }

  @Test
  void randomInputNeverThrows() {
    SplittableRandom r = new SplittableRandom(9);
    String alphabet = "ab: -[]{},\n\"'#&*!0123456789./ steps links apps expect state down up restrictions maxUp";
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(160);
      for (int k = 0; k < n; k++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      assertThat(ScenarioReader.read("f.yaml", sb.toString())).isNotNull();
    }
  }
}
