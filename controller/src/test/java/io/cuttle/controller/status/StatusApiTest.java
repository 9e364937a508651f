package io.cuttle.controller.status;

import static io.cuttle.controller.status.Reports.handler;
import static io.cuttle.controller.status.Reports.report;
import static io.cuttle.controller.status.Reports.restriction;
import static io.cuttle.controller.status.Reports.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cuttle.common.metrics.MetricsServer;
import io.cuttle.wire.v1.RestrictionOutcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON API over a real HTTP server. */
class StatusApiTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final EmbeddedHostStatusStore store = EmbeddedHostStatusStore.inMemory(32);
  private final HostStatusService service = new HostStatusService(store, Duration.ofSeconds(90), clock, registry);
  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsServer server;

  @BeforeEach
  void start() throws Exception {
    server = MetricsServer.start("127.0.0.1", 0, registry);
    new StatusApi(service, clock).register(server);
    var a = handler(report("alpha"), "smooth", "registered");
    restriction(a, "backup", RestrictionOutcome.FAILED, "nft: no such table");
    restriction(a, "video", RestrictionOutcome.ENFORCED, "");
    store.record(status(a, clock.instant()));
    clock.advance(Duration.ofSeconds(100));
    store.record(status(report("beta host/1"), clock.instant()));
    service.check();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return StatusJson.MAPPER.readTree(r.body());
  }

  @Test
  void listsEveryHostWithItsStateAndRestrictions() throws Exception {
    HttpResponse<String> r = get("/api/v1/hosts");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    JsonNode root = json(r);
    assertThat(root.get("staleAfterMs").asLong()).isEqualTo(90_000);
    assertThat(root.get("generatedAt").asText()).isEqualTo("2026-03-01T10:01:40Z");
    assertThat(root.get("store").asText()).isEqualTo("embedded (memory only)");
    JsonNode alpha = root.get("hosts").get(0);
    assertThat(alpha.get("host").asText()).isEqualTo("alpha");
    assertThat(alpha.get("state").asText()).isEqualTo("STALE");
    assertThat(alpha.get("sinceLastReportMs").asLong()).isEqualTo(100_000);
    assertThat(alpha.get("receivedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(alpha.get("lineage").asText()).isEqualTo("5eed");
    assertThat(alpha.get("handlers").get(0).get("phase").asText()).isEqualTo("registered");
    assertThat(alpha.get("restrictions").get(0).get("outcome").asText()).isEqualTo("FAILED");
    assertThat(alpha.get("restrictions").get(0).get("detail").asText()).isEqualTo("nft: no such table");
    assertThat(root.get("hosts").get(1).get("state").asText()).isEqualTo("REPORTING");
  }

  @Test
  void filtersSelectHosts() throws Exception {
    assertThat(json(get("/api/v1/hosts?stale=true")).get("hosts")).extracting(h -> h.get("host").asText())
        .containsExactly("alpha");
    assertThat(json(get("/api/v1/hosts?stale=false")).get("hosts")).extracting(h -> h.get("host").asText())
        .containsExactly("beta host/1");
    assertThat(json(get("/api/v1/hosts?outcome=enforced&stale=false")).get("hosts")).isEmpty();
    HttpResponse<String> bad = get("/api/v1/hosts?outcome=LOST");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").asText()).startsWith("outcome: expected one of [ENFORCED").endsWith("got 'LOST'");
  }

  @Test
  void oneHostComesWithItsHistoryAndAnUnknownOneIs404() throws Exception {
    JsonNode alpha = json(get("/api/v1/hosts/alpha"));
    assertThat(alpha.get("state").asText()).isEqualTo("STALE");
    assertThat(alpha.get("history")).extracting(h -> h.get("kind").asText())
        .containsExactly("FIRST_REPORT", "WENT_STALE");
    JsonNode beta = json(get("/api/v1/hosts/beta%20host%2F1"));
    assertThat(beta.get("host").asText()).isEqualTo("beta host/1");
    HttpResponse<String> missing = get("/api/v1/hosts/gamma");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("error").asText()).isEqualTo("no host 'gamma' has reported to this controller");
  }

  @Test
  void metricsCountHostsAndRestrictions() throws Exception {
    String metrics = get("/metrics").body();
    assertThat(metrics).contains("cuttle_controller_status_hosts{state=\"stale\"} 1.0")
        .contains("cuttle_controller_status_hosts{state=\"reporting\"} 1.0")
        .contains("cuttle_controller_status_restrictions{outcome=\"failed\"} 1.0")
        .contains("cuttle_controller_status_restrictions{outcome=\"enforced\"} 1.0");
  }
}
