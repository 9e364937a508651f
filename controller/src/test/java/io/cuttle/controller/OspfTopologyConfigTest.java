package io.cuttle.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.ControllerConfig.TopologySource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OSPF topology sources in controller.yaml. */
class OspfTopologyConfigTest {
  private static TopologySource topology(String yaml) throws ConfigException {
    return ControllerConfigParser.parse("controller.yaml", yaml).topology();
  }

  private static List<String> problems(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ControllerConfigParser.parse("controller.yaml", yaml));
    assertThat(e).as("should be rejected:\n" + yaml).isNotNull();
    return e.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void anApiSelectsTheLiveProvider() throws ConfigException {
    assertThat(topology("topology:\n  api: 127.0.0.1:2607\n"))
        .isEqualTo(new TopologySource.Ospf(new HostPort("127.0.0.1", 2607), Optional.empty()));
    assertThat(topology("topology:\n  source: ospf\n  api: 10.0.0.1:2607\n  record: /var/lib/cuttle/e.jsonl\n"))
        .isEqualTo(new TopologySource.Ospf(new HostPort("10.0.0.1", 2607), Optional.of(Path.of("/var/lib/cuttle/e.jsonl"))));
    assertThat(topology("topology:\n  source: ospf\n"))
        .isEqualTo(new TopologySource.Ospf(new HostPort("127.0.0.1", 2607), Optional.empty()));
  }

  @Test
  void snapshotAndReplay() throws ConfigException {
    assertThat(topology("topology:\n  source: ospf-snapshot\n  path: /srv/lsdb.json\n"))
        .isEqualTo(new TopologySource.OspfSnapshot(Path.of("/srv/lsdb.json")));
    assertThat(topology("topology:\n  source: ospf-replay\n  path: /srv/e.jsonl\n  speed: 10\n"))
        .isEqualTo(new TopologySource.OspfReplay(Path.of("/srv/e.jsonl"), 10));
    assertThat(topology("topology:\n  source: ospf-replay\n  path: /srv/e.jsonl\n  speed: max\n"))
        .isEqualTo(new TopologySource.OspfReplay(Path.of("/srv/e.jsonl"), Double.POSITIVE_INFINITY));
    assertThat(topology("topology:\n  source: ospf-replay\n  path: /srv/e.jsonl\n"))
        .isEqualTo(new TopologySource.OspfReplay(Path.of("/srv/e.jsonl"), 1));
  }

  @Test
  void misplacedAndBadFieldsAreReportedWithLines() {
    assertThat(problems("topology:\n  source: file\n  path: t.yaml\n  api: 127.0.0.1:2607\n")).singleElement()
        .asString().contains("controller.yaml:4").contains("expected api only with source 'ospf', got it with source 'file'");
    assertThat(problems("topology:\n  source: ospf-replay\n  path: e.jsonl\n  speed: -2\n")).singleElement()
        .asString().contains("speed").contains("expected a positive number (1 = real time) or max");
    assertThat(problems("topology:\n  source: ospf-snapshot\n")).singleElement().asString()
        .contains("expected the path of a vtysh LSDB JSON file with source 'ospf-snapshot', got nothing");
    assertThat(problems("topology:\n  source: ospf\n  api: nowhere\n")).singleElement().asString().contains("api");
    assertThat(problems("topology:\n  source: bgp\n")).singleElement().asString()
        .contains("example, file, ospf, ospf-snapshot or ospf-replay");
  }
}
