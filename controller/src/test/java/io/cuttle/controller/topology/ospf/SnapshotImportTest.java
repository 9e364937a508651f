package io.cuttle.controller.topology.ospf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.topology.ospf.snapshot.SnapshotTopologyProvider;
import io.cuttle.controller.topology.ospf.snapshot.VtyshLsdbParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotImportTest {
  private static List<String> problems(String text) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> VtyshLsdbParser.parse("lsdb.json", text));
    assertThat(e).as("should be rejected: " + text).isNotNull();
    return e.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void theProviderServesTheSnapshotsGraph(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lsdb.json");
    Files.writeString(file, CapturedLabTest.resource("lab-lsdb.json"));
    StoreFeed feed = new StoreFeed();
    try (SnapshotTopologyProvider p = new SnapshotTopologyProvider(file)) {
      p.start(feed);
    }
    assertThat(feed.specs).singleElement().isEqualTo(CapturedLabTest.spec());
    assertThat(feed.storeRejections).isEmpty();
  }

  @Test
  void badSnapshotsAreRejectedWithReasons(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lsdb.json");
    Files.writeString(file, "{ \"routerLinkStates\": { \"areas\": { \"0.0.0.0\": [ { \"linkStateId\": \"1.1.1.1\" } ] } } }");
    StoreFeed feed = new StoreFeed();
    try (SnapshotTopologyProvider p = new SnapshotTopologyProvider(file)) {
      p.start(feed);
    }
    assertThat(feed.specs).isEmpty();
    assertThat(feed.rejections).singleElement().asString()
        .contains("advertisingRouter: expected an address a.b.c.d, got nothing");
  }

  @Test
  void parserDiagnostics() {
    assertThat(problems("")).singleElement().asString().contains("expected at least one");
    assertThat(problems("{\"x\": 1}")).singleElement().asString()
        .contains("expected one of routerLinkStates").contains("got fields [x]");
    assertThat(problems("{\"routerLinkStates\": ")).singleElement().asString().contains("expected vtysh JSON");
    assertThat(problems("""
        {"networkLinkStates": {"areas": {"0.0.0.0": [
          {"linkStateId": "10.0.0.1", "advertisingRouter": "1.1.1.1", "networkMask": 40,
           "attchedRouters": {"1.1.1.1": {}}}]}}}
        """)).singleElement().asString().contains("networkMask: expected a prefix length 0..32, got 40");
    assertThat(problems("""
        {"routerLinkStates": {"areas": {"0.0.0.0": [
          {"linkStateId": "1.1.1.1", "advertisingRouter": "1.1.1.1",
           "routerLinks": {"link0": {"linkType": "Something", "tos0Metric": 1}}}]}}}
        """)).singleElement().asString().contains("linkType: expected point-to-point, Transit, Stub or Virtual");
  }
}
