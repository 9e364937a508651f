package io.cuttle.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.ControllerConfig.TopologySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerConfigParserTest {
  private static List<String> problems(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ControllerConfigParser.parse("controller.yaml", yaml));
    assertThat(e).as("should be rejected:\n" + yaml).isNotNull();
    return e.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void emptyFileIsTheDefaults() throws ConfigException {
    assertThat(ControllerConfigParser.parse("controller.yaml", "")).isEqualTo(ControllerConfig.defaults());
    assertThat(ControllerConfigParser.parse("controller.yaml", "# only a comment\n"))
        .isEqualTo(ControllerConfig.defaults());
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    ControllerConfig c = ControllerConfig.defaults();
    assertThat(c.listen()).isEqualTo(new HostPort("127.0.0.1", 7420));
    assertThat(c.metricsListen()).contains(new HostPort("127.0.0.1", 9420));
    assertThat(c.topology()).isEqualTo(new TopologySource.Example());
    assertThat(c.history()).isEqualTo(4096);
    assertThat(c.subscriberBuffer()).isEqualTo(1024);
    assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.lineageId()).isEmpty();
  }

  @Test
  void everyFieldIsRead() throws ConfigException {
    ControllerConfig c = ControllerConfigParser.parse("controller.yaml", """
        listen: "[::1]:7000"
        metrics-listen: 0.0.0.0:9000
        topology:
          source: file
          path: /srv/cuttle/topology.yaml
          poll-interval: 500ms
        history: 16
        subscriber-buffer: 8
        heartbeat: 1m30s
        lineage-id: 5eed1e55
        linger: 20ms
        """);
    assertThat(c).isEqualTo(new ControllerConfig(new HostPort("::1", 7000),
        Optional.of(new HostPort("0.0.0.0", 9000)),
        new TopologySource.FromFile(Path.of("/srv/cuttle/topology.yaml"), Duration.ofMillis(500)),
        16, 8, Duration.ofSeconds(90), OptionalLong.of(0x5eed1e55L), Duration.ofMillis(20),
        ControllerConfig.DEFAULT_ANNOTATION_SPREAD, Optional.empty(), io.cuttle.controller.status.StatusOptions.defaults()));
  }

  @Test
  void lingerAboveOneSecondIsRefusedWithItsLine() {
    assertThatThrownBy(() -> ControllerConfigParser.parse("c.yaml", "heartbeat: 5s\nlinger: 3s\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("c.yaml:2:").hasMessageContaining("linger: expected a duration of at most 1s, got '3s'");
  }

  @Test
  void metricsCanBeTurnedOff() throws ConfigException {
    assertThat(ControllerConfigParser.parse("c", "metrics-listen: off\n").metricsListen()).isEmpty();
  }

  @Test
  void aPathAloneMeansAFileWithTheDefaultInterval() throws ConfigException {
    assertThat(ControllerConfigParser.parse("c", "topology: {path: topo.yaml}\n").topology())
        .isEqualTo(new TopologySource.FromFile(Path.of("topo.yaml"), Duration.ofSeconds(2)));
  }

  @Test
  void readResolvesARelativeTopologyPathNextToTheConfig(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("etc/controller.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "topology:\n  path: nets/topology.yaml\n");
    assertThat(ControllerConfigParser.read(config).topology()).isEqualTo(new TopologySource.FromFile(
        dir.resolve("etc/nets/topology.yaml").toAbsolutePath(), ControllerConfig.DEFAULT_POLL_INTERVAL));
  }

  @Test
  void listenMustBeHostPort() {
    assertThat(problems("listen: \"nonsense\"\n")).containsExactly(
        "controller.yaml:1:9: listen: expected host:port (like 127.0.0.1:7420 or [::1]:7420),"
            + " got 'nonsense' (no ':' before the port)");
    assertThat(problems("metrics-listen: localhost:99999\n")).containsExactly(
        "controller.yaml:1:17: metrics-listen: expected host:port (like 127.0.0.1:7420 or [::1]:7420) or off,"
            + " got 'localhost:99999' (port must be 0..65535, got 99999)");
  }

  @Test
  void limitsSayWhatTheyExpect() {
    assertThat(problems("""
        history: 8
        subscriber-buffer: 4
        heartbeat: 50ms
        lineage-id: xyz
        """)).containsExactly(
        "controller.yaml:1:10: history: expected an integer 16..1000000, got '8'",
        "controller.yaml:2:20: subscriber-buffer: expected an integer 8..1000000, got '4'",
        "controller.yaml:3:12: heartbeat: expected a duration like 500ms, 5s, 2m or 1h of at least 100ms,"
            + " got '50ms'",
        "controller.yaml:4:13: lineage-id: expected a non-zero hex number of at most 16 digits, like 5eed1e55,"
            + " got 'xyz' (not hex digits)");
    assertThat(problems("lineage-id: 0\n")).containsExactly("controller.yaml:1:13: lineage-id: expected a"
        + " non-zero hex number of at most 16 digits, like 5eed1e55, got '0' (0 means no lineage)");
  }

  @Test
  void lineageIdMayHaveA0xPrefixAndUseAll64Bits() throws ConfigException {
    assertThat(ControllerConfigParser.parse("c", "lineage-id: 0xFFFFFFFFFFFFFFFF\n").lineageId())
        .hasValue(-1L);
  }

  @Test
  void topologySectionIsChecked() {
    assertThat(problems("""
        topology:
          source: example
          path: topo.yaml
        """)).containsExactly("controller.yaml:3:9: topology.path: expected no path with source 'example'"
            + " (the embedded example is used), got 'topo.yaml'");
    assertThat(problems("""
        topology:
          source: file
        """)).containsExactly("controller.yaml:2:3: topology.path: expected the path of a topology file"
            + " with source 'file', got nothing");
    assertThat(problems("""
        topology:
          source: bgp
          poll-interval: 10ms
          pth: x
        """)).containsExactly(
        "controller.yaml:2:11: topology.source: expected example, file, ospf, ospf-snapshot or ospf-replay, got 'bgp'",
        "controller.yaml:3:18: topology.poll-interval: expected a duration like 500ms, 5s, 2m or 1h"
            + " of at least 100ms, got '10ms'",
        "controller.yaml:4:8: topology.pth: unknown field 'pth'; expected one of [api, path, poll-interval, record,"
            + " source, speed]");
  }

  @Test
  void unknownFieldsAndWrongShapes() {
    assertThat(problems("heartbeet: 5s\n")).containsExactly("controller.yaml:1:12: heartbeet: unknown field"
        + " 'heartbeet'; expected one of [annotation-spread, annotations, heartbeat, history, lineage-id, linger, listen,"
        + " metrics-listen, status, subscriber-buffer, topology]");
    assertThat(problems("- listen\n")).singleElement().asString()
        .startsWith("controller.yaml:1:1: expected a mapping of controller settings");
  }

  @Test
  void malformedYamlGivesALine() {
    assertThat(problems("listen: 127.0.0.1:7420\ntopology: {source: file\n")).singleElement().asString()
        .startsWith("controller.yaml:3:1: malformed YAML:");
  }

  @Test
  void theRecordChecksItsArguments() {
    ControllerConfig d = ControllerConfig.defaults();
    assertThatThrownBy(() -> new ControllerConfig(d.listen(), d.metricsListen(), d.topology(), 15,
        d.subscriberBuffer(), d.heartbeat(), d.lineageId(), d.linger())).hasMessage("history must be 16..1000000, got 15");
    assertThatThrownBy(() -> new ControllerConfig(d.listen(), d.metricsListen(), d.topology(), d.history(),
        d.subscriberBuffer(), d.heartbeat(), d.lineageId(), Duration.ofSeconds(2)))
        .hasMessage("linger must be 0..1s, got 2s");
    assertThatThrownBy(() -> new TopologySource.FromFile(Path.of("x"), Duration.ofMillis(1)))
        .hasMessage("poll interval must be at least 100ms, got 1ms");
  }
}
