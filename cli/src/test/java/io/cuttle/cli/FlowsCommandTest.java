package io.cuttle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The text screen of {@code cuttle flows} from the daemon's JSON. */
class FlowsCommandTest {
  @Test
  void rendersAppsWithRatesAndTotals() throws Exception {
    var json = new ObjectMapper().readTree("""
        {"state":"running","detail":"ok","host_id":"h1","at":"2026-01-01T00:00:00Z","window":"10s",
         "attributed_share":0.995,"capture":{"received":10,"dropped":0,"dropped_by_interface":0,"parsed":10},
         "apps":[{"app":"backup","class":"bulk","users":["alice"],"flow_count":2,"up_bps":12500000.0,
                  "down_bps":800.0,"bytes_up":123456789,"bytes_down":4200}]}""");
    String screen = FlowsCommand.render(json, 20);
    assertThat(screen).contains("attributed 99.50%").contains("0 dropped");
    assertThat(screen).containsPattern("backup\\s+bulk\\s+alice\\s+2\\s+12.5 Mbit\\s+800.0 bit\\s+123.5 MB\\s+4.2 kB");
  }

  @Test
  void saysWhyAccountingIsOff() throws Exception {
    var json = new ObjectMapper().readTree("""
        {"state":"not_permitted","detail":"flow accounting needs root"}""");
    assertThat(FlowsCommand.render(json, 20)).isEqualTo("flow accounting is not_permitted: flow accounting needs root\n");
  }

  @Test
  void unreachableDaemonIsAClearFailure() {
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    var cl = CuttleCommand.commandLine();
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(err));
    int code = cl.execute("flows", "--once", "--admin", "127.0.0.1:1");
    assertThat(code).isEqualTo(CuttleCommand.FAILURE);
    assertThat(err.toString()).contains("cannot reach the daemon at http://127.0.0.1:1/flows");
  }
}
