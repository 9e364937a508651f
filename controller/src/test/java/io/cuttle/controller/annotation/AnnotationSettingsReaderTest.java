package io.cuttle.controller.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfigParser;
import io.cuttle.netstate.model.Prefix;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code annotations} section of controller.yaml, read through the controller's parser. */
class AnnotationSettingsReaderTest {
  static final String FULL = """
      annotations:
        interval: 5s
        change-threshold: 2.5%
        change-floor: 50k
        stale-after: 1m
        snmp:
          community: campus
          timeout: 500ms
          retries: 2
          parallel: 4
          agents:
            - 10.255.0.1
            - {address: 10.255.0.2, port: 1161, community: other}
        links:
          - link: r1-r2
            cost-per-gb: 0.05
            labels: [metered, backup]
            counters: {sla: 99.9}
          - routers: [10.255.0.1, 10.255.0.3]
            capacity: 100M
          - interface: 10.0.23.2
            labels: backup
        sites:
          - name: branch
            prefixes: [10.3.0.0/16]
            uplinks:
              - {routers: [10.255.0.1, 10.255.0.3], inside: 10.255.0.3}
      """;

  private static List<String> problems(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ControllerConfigParser.parse("controller.yaml", yaml));
    assertThat(e).as("should be rejected:\n" + yaml).isNotNull();
    return e.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void readsEveryField() throws ConfigException {
    AnnotationSettings s = ControllerConfigParser.parse("controller.yaml", FULL).annotations().orElseThrow();
    assertThat(s.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.threshold()).isEqualTo(new ChangeThreshold(0.025, 50_000));
    assertThat(s.staleAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.snmpTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.snmpRetries()).isEqualTo(2);
    assertThat(s.parallelism()).isEqualTo(4);
    assertThat(s.agents()).containsExactly(new SnmpAgent(LabTopology.ip("10.255.0.1"), 161, "campus"),
        new SnmpAgent(LabTopology.ip("10.255.0.2"), 1161, "other"));
    List<LinkRule> links = s.statics().links();
    assertThat(links).hasSize(3);
    assertThat(links.get(0).selector()).isEqualTo(new LinkSelector.ByName("r1-r2"));
    assertThat(links.get(0).costMicros()).hasValue(50_000);
    assertThat(links.get(0).labels()).containsExactly("backup", "metered");
    assertThat(links.get(0).counters()).isEqualTo(Map.of("sla", 99.9));
    assertThat(links.get(0).where()).isEqualTo("controller.yaml:15");
    assertThat(links.get(1).selector()).isEqualTo(new LinkSelector.ByRouterIds(0x0aff0001, 0x0aff0003));
    assertThat(links.get(1).capacityBps()).isEqualTo(OptionalLong.of(100_000_000));
    assertThat(links.get(2).selector()).isEqualTo(new LinkSelector.ByInterface(LabTopology.ip("10.0.23.2")));
    assertThat(links.get(2).labels()).isEqualTo(Set.of("backup"));
    SiteRule site = s.statics().sites().get(0);
    assertThat(site.name()).isEqualTo("branch");
    assertThat(site.prefixes()).containsExactly(Prefix.parse("10.3.0.0/16"));
    assertThat(site.uplinks()).singleElement().satisfies(u -> {
      assertThat(u.selector()).isEqualTo(new LinkSelector.ByRouterIds(0x0aff0001, 0x0aff0003));
      assertThat(u.inside()).isEqualTo("10.255.0.3");
    });
  }

  @Test
  void absentSectionMeansNoAnnotationsAndDefaultsFillTheRest() throws ConfigException {
    assertThat(ControllerConfig.defaults().annotations()).isEmpty();
    AnnotationSettings s = ControllerConfigParser.parse("controller.yaml", "annotations: {}\n").annotations()
        .orElseThrow();
    assertThat(s.interval()).isEqualTo(AnnotationSettings.DEFAULT_INTERVAL);
    assertThat(s.threshold()).isEqualTo(ChangeThreshold.DEFAULT);
    assertThat(s.staleAfter()).isEqualTo(AnnotationSettings.DEFAULT_INTERVAL.multipliedBy(3));
    assertThat(s.agents()).isEmpty();
  }

  @Test
  void badValuesAreReportedWithLineColumnAndExpectedVersusGot() {
    List<String> p = problems("""
        annotations:
          interval: 200ms
          change-threshold: 150%
          snmp:
            agents: [router1, 10.0.0.1, 10.0.0.1]
            retries: 9
          links:
            - cost-per-gb: 0.05
            - link: r1-r2
              routers: [10.0.0.1, 10.0.0.2]
            - routers: [10.0.0.1]
            - interface: 10.0.0.300
              capacity: fast
              colour: red
          sites:
            - name: b
              uplinks: [{link: x}]
        """);
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:2:").contains("annotations.interval")
        .contains("expected").contains("got '200ms'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:3:")
        .contains("expected a percentage like 1% or 0.5%, 0..100, got '150%'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:5:")
        .contains("expected an IP address like 10.0.12.1 or fd00::1, got 'router1'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:5:").contains("duplicate agent 10.0.0.1:161"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:6:").contains("retries"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:8:")
        .contains("expected exactly one of link, routers or interface to select links, got none"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:9:")
        .contains("got link and routers"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:11:")
        .contains("expected a list of two router ids"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:12:").contains("got '10.0.0.300'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:13:")
        .contains("expected a bit rate like 1G, 300M, 64k or 1500000, got 'fast'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:14:").contains("unknown field 'colour'"));
    assertThat(p).anySatisfy(m -> assertThat(m).startsWith("controller.yaml:17:")
        .contains("expected a router name or router id, got nothing"));
  }

  @Test
  void staleAfterMustExceedTheInterval() {
    assertThat(problems("annotations:\n  interval: 10s\n  stale-after: 5s\n"))
        .anySatisfy(m -> assertThat(m).startsWith("controller.yaml:3:")
            .contains("expected a duration longer than the interval 10s, got '5s'"));
  }
}
