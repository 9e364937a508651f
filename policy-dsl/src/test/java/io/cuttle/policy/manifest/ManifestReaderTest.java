package io.cuttle.policy.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Diagnostics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
  @Test
  void readsTypedParamsWithUnitsAndTriggers() {
    Manifest m = ((ManifestReader.Result.Read) ManifestReader.read("m.yaml", """
        description: d
        priority: 7
        params:
          sites: {type: strings, default: [a, b]}
          threshold: {type: rate, default: 2.5 Gbit/s}
          quota: {type: bytes, default: 2GiB}
          window: {type: duration, default: 5m}
          busy: {type: fraction, default: 80%}
          on: {type: boolean, default: true}
        triggers: {tick: 30s, splay: 5s, debounce: 3, holdDown: 1m}
        """, "fallback")).manifest();
    assertThat(m.name()).isEqualTo("fallback");
    assertThat(m.priority()).isEqualTo(7);
    assertThat(m.values(Map.of())).containsExactly(Map.entry("sites", List.of("a", "b")),
        Map.entry("threshold", 2.5e9), Map.entry("quota", 2.0 * (1L << 30)), Map.entry("window", 300.0),
        Map.entry("busy", 0.8), Map.entry("on", true));
    assertThat(m.triggers().tick()).isEqualTo(Duration.ofSeconds(30));
    assertThat(m.triggers().debounce()).isEqualTo(3);
    assertThat(m.triggers().holdDown()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void everyProblemIsADiagnosticWithLineAndExpectedGot() {
    List<Diagnostic> d = ((ManifestReader.Result.Invalid) ManifestReader.read("m.yaml", """
        prio: 1
        params:
          t: {type: rate, default: quick}
          u: {type: colour, default: red}
          v: {type: fraction, default: 1.5}
        triggers: {tick: soon}
        """, "x")).diagnostics();
    assertThat(d).extracting(Diagnostic::toString).containsExactly(
        "m.yaml:1:7: prio: unknown field 'prio'; expected one of [description, name, params, priority, triggers]",
        "m.yaml:3:28: params.t.default: expected a rate such as 100Mbit/s, got 'quick'",
        "m.yaml:4:13: params.u.type: expected one of number, rate, bytes, duration, fraction, string, strings, boolean, "
            + "got 'colour'",
        "m.yaml:5:32: params.v.default: expected a fraction 0..1 or a percentage, got '1.5'",
        "m.yaml:6:18: triggers.tick: expected a duration like 500ms, 5s, 2m or 1h, got 'soon'");
  }

  @Test
  void overridesAreCheckedAgainstTheManifest() {
    Manifest m = ((ManifestReader.Result.Read) ManifestReader.read("m.yaml",
        "params:\n  limit: {type: rate, default: 1Mbit/s}\n", "h")).manifest();
    Overrides o = ((Overrides.Result.Valid) Overrides.read("handlers.yaml", """
        h:
          priority: 9
          params: {limit: 3Mbit/s, other: 1}
        """)).overrides();
    Diagnostics d = new Diagnostics();
    assertThat(Overrides.check(m, o.of("h"), d)).containsExactly(Map.entry("limit", 3e6));
    assertThat(d.all()).singleElement().satisfies(x -> assertThat(x.toString())
        .isEqualTo("handlers.yaml:3:35: h.params.other: unknown parameter 'other' of handler h; expected one of [limit]"));
    assertThat(o.of("h").priority()).hasValue(9);
    assertThat(o.of("absent").enabled()).isTrue();
  }

  @Test
  void randomInputNeverThrows() {
    SplittableRandom r = new SplittableRandom(5);
    String alphabet = "ab: -[]{},\n\"'#&*!|>%@`0123456789.type default params triggers rate strings ";
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(120);
      for (int k = 0; k < n; k++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      ManifestReader.Result res = ManifestReader.read("f.yaml", sb.toString(), "x");
      assertThat(res).isNotNull();
      Overrides.read("o.yaml", sb.toString());
    }
  }
}
