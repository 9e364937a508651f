package io.cuttle.daemon.config;

import io.cuttle.common.config.HostPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigReaderTest {

  private static List<Diagnostic> problems(String yaml) {
    try {
      DaemonConfigReader.parse("daemon.yaml", yaml);
    } catch (ConfigException e) {
      return e.diagnostics();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  @Test
  void readsEveryField() throws ConfigException {
    DaemonConfig c = DaemonConfigReader.parse("daemon.yaml", """
        host-id: web-17
        controllers: [10.0.0.1:7420, "[2001:db8::1]:7421"]
        state-dir: /srv/cuttle
        admin-listen: 0.0.0.0:9500
        reconnect: {initial: 50ms, max: 1m, multiplier: 1.5, jitter: 0.1}
        report-interval: 10s
        persist-interval: 250ms
        """);

    assertThat(c.hostId()).isEqualTo("web-17");
    assertThat(c.controllers()).containsExactly(new HostPort("10.0.0.1", 7420), new HostPort("2001:db8::1", 7421));
    assertThat(c.controllers().get(1)).hasToString("[2001:db8::1]:7421");
    assertThat(c.stateDir()).isEqualTo(Path.of("/srv/cuttle"));
    assertThat(c.adminListen()).contains(new HostPort("0.0.0.0", 9500));
    assertThat(c.reconnect()).isEqualTo(new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMinutes(1), 1.5, 0.1));
    assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.persistInterval()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void emptyFileIsTheDefaults() throws ConfigException {
    DaemonConfig c = DaemonConfigReader.parse("daemon.yaml", "");
    DaemonConfig d = DaemonConfig.defaults();

    assertThat(c).isEqualTo(d);
    assertThat(d.hostId()).isNotBlank();
    assertThat(d.controllers()).containsExactly(new HostPort("127.0.0.1", 7420));
    assertThat(d.stateDir()).isEqualTo(Path.of("/var/lib/cuttle"));
    assertThat(d.adminListen()).contains(new HostPort("127.0.0.1", 9421));
    assertThat(d.reconnect()).isEqualTo(new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0, 0.2));
    assertThat(d.reportInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.persistInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void adminListenOffAndSingleControllerScalar() throws ConfigException {
    DaemonConfig c = DaemonConfigReader.parse("daemon.yaml", "controllers: ctl.example:7420\nadmin-listen: off\n");

    assertThat(c.controllers()).containsExactly(new HostPort("ctl.example", 7420));
    assertThat(c.adminListen()).isEmpty();
  }

  @Test
  void unknownFieldIsAnErrorWithLineColumnAndTheKnownFields() {
    List<Diagnostic> d = problems("host-id: a\nreconect: {initial: 1s}\n");

    assertThat(d).hasSize(1);
    assertThat(d.get(0).toString())
        .startsWith("daemon.yaml:2:11: reconect: unknown field 'reconect'")
        .contains("reconnect", "report-interval");
  }

  @Test
  void unknownNestedFieldIsAnError() {
    List<Diagnostic> d = problems("reconnect:\n  initial: 1s\n  maximum: 5s\n");

    assertThat(d).singleElement().hasToString(
        "daemon.yaml:3:12: reconnect.maximum: unknown field 'maximum'; expected one of [initial, jitter, max, multiplier]");
  }

  @Test
  void wrongValuesSayWhatWasExpectedAndWhatArrived() {
    List<Diagnostic> d = problems("""
        controllers: [10.0.0.1, 10.0.0.2:99999, 10.0.0.3:0]
        report-interval: soon
        reconnect: {jitter: 1.5, multiplier: 0.5}
        admin-listen: [a, b]
        """);

    assertThat(d).extracting(Diagnostic::toString).hasSize(7).contains(
        "daemon.yaml:1:15: controllers[0]: expected an address host:port with a port 1..65535, got '10.0.0.1'"
            + " (no ':' before the port)",
        "daemon.yaml:1:25: controllers[1]: expected an address host:port with a port 1..65535, got '10.0.0.2:99999'"
            + " (port must be 0..65535, got 99999)",
        "daemon.yaml:1:41: controllers[2]: expected an address host:port with a port 1..65535, got '10.0.0.3:0'"
            + " (a controller needs a port 1..65535)",
        "daemon.yaml:3:38: reconnect.multiplier: expected a number >= 1.0 <= 100.0, got '0.5'",
        "daemon.yaml:3:21: reconnect.jitter: expected a number >= 0.0 <= 1.0, got '1.5'",
        "daemon.yaml:4:15: admin-listen: expected an address host:port (:port = all interfaces, port 0 = any free port)"
            + " or off, got a list");
    assertThat(d).extracting(Diagnostic::toString).anySatisfy(x -> assertThat(x)
        .startsWith("daemon.yaml:2:18: report-interval: expected a duration like 500ms, 5s, 2m or 1h")
        .endsWith("got 'soon'"));
  }

  @Test
  void adminListenWithoutHostMeansAllInterfacesButAControllerNeedsAHost() throws ConfigException {
    assertThat(DaemonConfigReader.parse("daemon.yaml", "admin-listen: \":9500\"\n").adminListen())
        .contains(new HostPort("", 9500));
    assertThat(problems("controllers: [\":7420\"]\n")).singleElement().asString()
        .endsWith("(a controller needs a host)");
  }

  @Test
  void emptyControllerListAndDuplicatesAreErrors() {
    assertThat(problems("controllers: []\n")).singleElement().asString()
        .isEqualTo("daemon.yaml:1:14: controllers: expected at least one controller address host:port, got an empty list");
    assertThat(problems("controllers: [a:1, a:1]\n")).singleElement().asString()
        .isEqualTo("daemon.yaml:1:20: controllers[1]: duplicate controller address a:1");
  }

  @Test
  void reconnectMaxBelowInitialIsAnError() {
    assertThat(problems("reconnect: {initial: 5s, max: 1s}\n")).singleElement().asString()
        .isEqualTo("daemon.yaml:1:31: reconnect.max: expected a duration of at least reconnect.initial (5000ms), got '1s'");
  }

  @Test
  void hostIdWithSpacesIsAnError() {
    assertThat(problems("host-id: web 17\n")).singleElement().asString()
        .isEqualTo("daemon.yaml:1:10: host-id: expected a host id without spaces, 1..253 characters, got 'web 17'");
  }

  @Test
  void addressIsALiteralIpv4OrIpv6AddressAndUnknownWithout() throws Exception {
    assertThat(DaemonConfigReader.parse("daemon.yaml", "address: 10.207.2.10\n").address())
        .contains(java.net.InetAddress.getByName("10.207.2.10"));
    assertThat(DaemonConfigReader.parse("daemon.yaml", "address: 2001:db8::7\n").address())
        .contains(java.net.InetAddress.getByName("2001:db8::7"));
    assertThat(DaemonConfigReader.parse("daemon.yaml", "host-id: a\n").address()).isEmpty();
    assertThat(problems("address: ws-17.example\n")).singleElement().asString()
        .startsWith("daemon.yaml:1:10: address: expected an IPv4 or IPv6 address like 10.1.2.3, got 'ws-17.example'");
  }

  @Test
  void aTopLevelListIsRejected() {
    assertThat(problems("- a\n- b\n")).singleElement().asString()
        .startsWith("daemon.yaml:1:1: expected a mapping of daemon settings");
  }

  @Test
  void relativeStateDirCountsFromTheFilesDirectory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("daemon.yaml");
    Files.writeString(file, "host-id: h\nstate-dir: state\nadmin-listen: off\n");

    DaemonConfig c = DaemonConfigReader.read(file);

    assertThat(c.stateDir()).isEqualTo(dir.toAbsolutePath().resolve("state"));
    assertThat(c.adminListen()).isEqualTo(Optional.empty());
  }

  @Test
  void unreadableFileIsADiagnosticNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> DaemonConfigReader.read(missing))
        .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString()).hasMessageContaining("cannot read");
  }
}
