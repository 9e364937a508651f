package io.cuttle.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cuttle.controller.lab.OspfLab;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.NetworkState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A controller on the live OSPF provider of the real lab (lab/ospf-lab.sh) with a site declared on
 * the r2-r3 link: the link fails and recovers in the kernel, every committed version still holds
 * the site, and the controller's LSA and delta counters on {@code /metrics} follow.
 */
class OspfLoopTest {
  private static final Duration CONVERGE = Duration.ofSeconds(90);
  private static final Duration FOLLOW = Duration.ofSeconds(20);

  @Test
  void aLinkFailureKeepsTheSiteInEveryVersionAndMovesTheCounters() throws Exception {
    assumeTrue(OspfLab.unavailabilityCause().isEmpty(), () -> OspfLab.unavailabilityCause().orElse(""));
    try (OspfLab lab = OspfLab.start("h7c", "172.31.231")) {
      lab.awaitConverged(CONVERGE);
      ControllerConfig config = ControllerConfigParser.parse("controller.yaml", """
          listen: 127.0.0.1:0
          metrics-listen: 127.0.0.1:0
          topology: {source: ospf, api: "%s:%d"}
          annotation-spread: 0s
          annotations:
            sites:
              - name: r3site
                prefixes: [10.3.0.0/24]
                uplinks: [{routers: [10.255.0.2, 10.255.0.3], inside: 10.255.0.3}]
          """.formatted(lab.apiAddress().getHostString(), lab.apiAddress().getPort()));
      try (Controller c = Controller.start(config, Clock.systemUTC())) {
        OspfLab.awaitTrue(FOLLOW, () -> c.store().current().site("r3site").map(s -> s.uplinks().size() == 1)
            .orElse(false), "the site with its uplink");
        String before = get(c);
        assertThat(metric(before, "cuttle_controller_lsa_events_total{kind=\"synced\"}")).isEqualTo(1);
        double updates = metric(before, "cuttle_controller_lsa_events_total{kind=\"update\"}");
        assertThat(updates).as("the initial database").isGreaterThanOrEqualTo(5);

        NetworkState start = c.store().current();
        List<Delta> committed = new ArrayList<>();
        c.store().addListener((state, deltas) -> {
          synchronized (committed) {
            committed.addAll(deltas);
          }
        });
        try {
          lab.execOk("r2", "ip", "link", "set", "to-r3", "down");
          OspfLab.awaitTrue(FOLLOW, () -> c.store().current().site("r3site").map(s -> s.uplinks().isEmpty())
              .orElse(false), "the site to lose its uplink");
        } finally {
          lab.execOk("r2", "ip", "link", "set", "to-r3", "up");
        }
        OspfLab.awaitTrue(FOLLOW, () -> c.store().current().site("r3site").map(s -> s.uplinks().size() == 1)
            .orElse(false), "the uplink to come back");

        List<Delta> all;
        synchronized (committed) {
          all = List.copyOf(committed);
        }
        NetworkState s = start;
        for (Delta d : all) {
          s = s.apply(d);
          assertThat(s.site("r3site")).as("site r3site in version %d (after %s)", s.version(), d.event()).isPresent();
        }
        assertThat(all).anyMatch(d -> d.event() instanceof TopologyEvent.LinkRemoved);
        String after = get(c);
        assertThat(metric(after, "cuttle_controller_lsa_events_total{kind=\"update\"}")).isGreaterThan(updates);
        assertThat(metric(after, "cuttle_controller_deltas_committed_total{kind=\"link-removed\"}"))
            .isEqualTo(all.stream().filter(d -> d.event() instanceof TopologyEvent.LinkRemoved).count());
        System.out.printf("OSPF loop: %d deltas over the failure and recovery, LSA updates %.0f -> %.0f%n",
            all.size(), updates, metric(after, "cuttle_controller_lsa_events_total{kind=\"update\"}"));
      }
    }
  }

  private static String get(Controller c) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + c.httpPort().orElseThrow() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      return r.body();
    }
  }

  private static double metric(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("expected series " + series + " in the scrape, got:\n" + scrape));
  }
}
