package io.cuttle.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.enforce.EnforcementSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnforcementConfigReaderTest {

  private static List<String> problems(String yaml) {
    try {
      DaemonConfigReader.parse("daemon.yaml", yaml);
    } catch (ConfigException e) {
      return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  @Test
  void absentMeansTheBestAdapterWithTheProductionNames() throws ConfigException {
    DaemonConfig c = DaemonConfigReader.parse("daemon.yaml", "host-id: a\n");

    assertThat(c.enforcement()).isEqualTo(DaemonConfig.ENFORCE_AUTO);
    assertThat(c.enforcementNames()).isEqualTo(EnforcementNames.defaults());
    EnforcementSettings s = c.enforcementNames().settings(x -> { });
    EnforcementSettings prod = EnforcementSettings.defaults();
    assertThat(List.of(s.nftTable(), s.cgroupParent(), s.ifbName(), s.policyPrefix()))
        .isEqualTo(List.of(prod.nftTable(), prod.cgroupParent(), prod.ifbName(), prod.policyPrefix()));
    assertThat(s.tcMajor()).isEqualTo(prod.tcMajor());
  }

  @Test
  void aScalarStillChoosesTheAdapterOnly() throws ConfigException {
    DaemonConfig c = DaemonConfigReader.parse("daemon.yaml", "enforcement: dry-run\n");

    assertThat(c.enforcement()).isEqualTo("dry-run");
    assertThat(c.enforcementNames()).isEqualTo(EnforcementNames.defaults());
  }

  @Test
  void theMappingNamesEverythingTheAdapterOwns() throws ConfigException {
    DaemonConfig c = DaemonConfigReader.parse("daemon.yaml", """
        enforcement:
          adapter: linux
          nft-table: cuttle_h2
          cgroup-parent: cuttle/h2
          interfaces: [eth1, veth-h2]
          tc-major: 0xc8
          ifb: h2-ifb0
          netns: h2
          policy-prefix: cuttleh2
        """);

    assertThat(c.enforcement()).isEqualTo("linux");
    assertThat(c.enforcementNames()).isEqualTo(new EnforcementNames("cuttle_h2", "cuttle/h2", List.of("eth1", "veth-h2"),
        0xc8, "h2-ifb0", Optional.of("h2"), "cuttleh2"));
    EnforcementSettings s = c.enforcementNames().settings(x -> { });
    assertThat(s.netns()).contains("h2");
    assertThat(s.interfaces()).containsExactly("eth1", "veth-h2");
  }

  @Test
  void partialMappingKeepsTheOtherDefaultsAndDecimalMajorsWork() throws ConfigException {
    DaemonConfig c = DaemonConfigReader.parse("daemon.yaml", """
        enforcement: {cgroup-parent: cuttle-h1, tc-major: 200, netns: /run/netns/h1}
        """);

    EnforcementNames d = EnforcementNames.defaults();
    assertThat(c.enforcement()).isEqualTo(DaemonConfig.ENFORCE_AUTO);
    assertThat(c.enforcementNames()).isEqualTo(new EnforcementNames(d.nftTable(), "cuttle-h1", List.of(), 200, d.ifb(),
        Optional.of("/run/netns/h1"), d.policyPrefix()));
  }

  @Test
  void everyBadValueIsReportedWithLineColumnExpectedAndGot() {
    List<String> d = problems("""
        enforcement:
          adapter: Linux
          nft-table: 9tables
          cgroup-parent: /sys/fs/cgroup/x
          interfaces: [eth0, a-name-far-too-long, eth0]
          tc-major: 0x8000
          ifb: "bad ifb"
          netns: "a b"
          policy: x
        """);

    assertThat(d).hasSize(9).contains(
        "daemon.yaml:2:12: enforcement.adapter: expected auto, none or an adapter name (like linux or dry-run), got"
            + " 'Linux' (does not match [a-z][a-z0-9-]*)",
        "daemon.yaml:6:13: enforcement.tc-major: expected a tc handle major 1..0x7fff (decimal, or hex like 0xc7),"
            + " got '0x8000' (out of range)",
        "daemon.yaml:5:43: enforcement.interfaces[2]: expected each interface once, got 'eth0' again");
    assertThat(d).anySatisfy(x -> assertThat(x).startsWith("daemon.yaml:3:14: enforcement.nft-table: expected an"
        + " nftables table name").contains("got '9tables'"));
    assertThat(d).anySatisfy(x -> assertThat(x).startsWith("daemon.yaml:4:18: enforcement.cgroup-parent: expected a"
        + " cgroup path relative to the cgroup2 root").contains("got '/sys/fs/cgroup/x'"));
    assertThat(d).anySatisfy(x -> assertThat(x).startsWith("daemon.yaml:5:22: enforcement.interfaces[1]: expected an"
        + " interface name of 1-15").contains("got 'a-name-far-too-long'"));
    assertThat(d).anySatisfy(x -> assertThat(x).startsWith("daemon.yaml:7:8: enforcement.ifb:")
        .contains("got 'bad ifb'"));
    assertThat(d).anySatisfy(x -> assertThat(x).startsWith("daemon.yaml:8:10: enforcement.netns: expected a network"
        + " namespace name").contains("got 'a b'"));
    assertThat(d).anySatisfy(x -> assertThat(x).startsWith("daemon.yaml:9:11: enforcement.policy: unknown field"));
  }

  @Test
  void dotSegmentsInTheCgroupParentAreRejected() {
    assertThat(problems("enforcement: {cgroup-parent: a/./b}\n")).singleElement().asString()
        .startsWith("daemon.yaml:1:30: enforcement.cgroup-parent: expected a cgroup path without '.' or '..' segments");
  }

  @Test
  void dotDotSegmentsInTheCgroupParentAreRejected() {
    assertThat(problems("enforcement: {cgroup-parent: cuttle/../etc}\n")).singleElement().asString()
        .startsWith("daemon.yaml:1:30: enforcement.cgroup-parent: expected a cgroup path without '.' or '..' segments");
  }
}
