package io.cuttle.controller.topology.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.ConfigException;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.NetworkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.controller.topology.TopologySpec.SiteSpec;
import io.cuttle.controller.topology.TopologySpec.UplinkSpec;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.Prefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid files and the specs they become, including every default. */
class TopologyFileParserTest {
  static final String GOOD = """
      routers:
        - name: r1
          router-id: 10.255.0.1
          areas: [0.0.0.0, 1]
        - name: r2
          router-id: 10.255.0.2
        - name: r3
          router-id: 10.255.0.3
          areas: 0.0.0.1
      networks:
        - name: lan
          prefix: 10.9.0.0/24
      links:
        - name: r1-r2
          a: r1
          b: r2
          cost: 10
        - name: r1-r3
          a: r1
          b: r3
          cost: {a-b: 10, b-a: 20}
          state: down
        - {name: r2-lan, a: r2, b: lan, cost: 5}
        - {name: lan-r1, a: lan, b: r1, cost: {a-b: 0, b-a: 7}, area: 0.0.0.0}
      prefixes:
        - {prefix: 10.1.1.0/24, router: r1}
        - {prefix: 10.3.1.0/24, router: r3, cost: 3}
        - {prefix: "2001:db8::/48", router: r2, cost: 1, area: 0}
      sites:
        - name: hq
          prefixes: [10.1.0.0/16, 10.9.0.0/24]
          uplinks:
            - {link: r1-r2, inside: r1}
        - name: empty
      annotations:
        - link: r1-r2
          capacity: 1G
          load: {a-b: 300M, b-a: 64k}
          cost-per-gb: 0.05
          labels: [metered, backup]
          counters: {rtt-ms: 4.5, drops: 12}
          measured-at: 2025-06-01T12:00:00+02:00
        - link: r1-r3
          capacity: 2500000
          load: 1.5Mbps
        - link: r2-lan
      """;

  @Test
  void goodFileBecomesTheExpectedSpec() throws ConfigException {
    TopologySpec spec = TopologyFileParser.parse("good.yaml", GOOD);

    assertThat(spec.routers()).containsExactly(
        new RouterSpec("r1", 0x0aff0001, Set.of("0.0.0.0", "0.0.0.1")),
        new RouterSpec("r2", 0x0aff0002, Set.of("0.0.0.0")),
        new RouterSpec("r3", 0x0aff0003, Set.of("0.0.0.1")));
    assertThat(spec.networks()).containsExactly(new NetworkSpec("lan", Prefix.parse("10.9.0.0/24"), "0.0.0.0"));
    assertThat(spec.links()).containsExactly(
        new LinkSpec("r1-r2", "r1", "r2", 10, 10, LinkState.UP, "0.0.0.0"),
        new LinkSpec("r1-r3", "r1", "r3", 10, 20, LinkState.DOWN, "0.0.0.1"),
        new LinkSpec("r2-lan", "r2", "lan", 5, 0, LinkState.UP, "0.0.0.0"),
        new LinkSpec("lan-r1", "lan", "r1", 0, 7, LinkState.UP, "0.0.0.0"));
    assertThat(spec.prefixes()).containsExactly(
        new PrefixSpec(Prefix.parse("10.1.1.0/24"), "r1", 0, "0.0.0.0"),
        new PrefixSpec(Prefix.parse("10.3.1.0/24"), "r3", 3, "0.0.0.1"),
        new PrefixSpec(Prefix.parse("2001:db8::/48"), "r2", 1, "0.0.0.0"));
    assertThat(spec.sites()).containsExactly(
        new SiteSpec("hq", Set.of(Prefix.parse("10.1.0.0/16"), Prefix.parse("10.9.0.0/24")),
            List.of(new UplinkSpec("r1-r2", "r1"))),
        new SiteSpec("empty", Set.of(), List.of()));
    assertThat(spec.annotations()).containsExactly(
        Map.entry("r1-r2", new LinkAnnotation(OptionalLong.of(1_000_000_000L), OptionalLong.of(300_000_000L),
            OptionalLong.of(64_000L), OptionalLong.of(50_000L), Set.of("backup", "metered"),
            Map.of("rtt-ms", 4.5, "drops", 12.0), Optional.of(Instant.parse("2025-06-01T10:00:00Z")))),
        Map.entry("r1-r3", new LinkAnnotation(OptionalLong.of(2_500_000L), OptionalLong.of(1_500_000L),
            OptionalLong.of(1_500_000L), OptionalLong.empty(), Set.of(), Map.of(), Optional.empty())));
    assertThat(spec.problems()).isEmpty();
  }

  @Test
  void emptySectionsAreAnEmptyNetwork() throws ConfigException {
    assertThat(TopologyFileParser.parse("t.yaml", "routers: []\nlinks: []\n")).isEqualTo(TopologySpec.EMPTY);
  }

  @Test
  void sectionsMayReferToLaterSections() throws ConfigException {
    TopologySpec spec = TopologyFileParser.parse("t.yaml", """
        annotations:
          - {link: l, labels: backup}
        links:
          - {name: l, a: x, b: y, cost: 1}
        routers:
          - {name: x, router-id: 1.1.1.1}
          - {name: y, router-id: 2.2.2.2}
        """);
    assertThat(spec.annotations().get("l").labels()).containsExactly("backup");
  }

  @Test
  void readsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("topology.yaml");
    Files.writeString(file, GOOD);
    assertThat(TopologyFileParser.read(file)).isEqualTo(TopologyFileParser.parse("other-name", GOOD));
  }

  @Test
  void bitRatesMoneyAndAreasHaveSeveralSpellings() {
    assertThat(Values.parseBitRate("64k")).isEqualTo(64_000L);
    assertThat(Values.parseBitRate("64K")).isEqualTo(64_000L);
    assertThat(Values.parseBitRate("10Gbps")).isEqualTo(10_000_000_000L);
    assertThat(Values.parseBitRate("1.5T")).isEqualTo(1_500_000_000_000L);
    assertThat(Values.parseBitRate("1_000_000")).isEqualTo(1_000_000L);
    assertThat(Values.parseMicros("12")).isEqualTo(12_000_000L);
    assertThat(Values.parseMicros("0.000001")).isEqualTo(1L);
    assertThat(Values.parseArea("1")).isEqualTo("0.0.0.1");
    assertThat(Values.parseArea("4294967295")).isEqualTo("255.255.255.255");
    assertThat(Values.parseArea("0.0.1.0")).isEqualTo("0.0.1.0");
  }
}
