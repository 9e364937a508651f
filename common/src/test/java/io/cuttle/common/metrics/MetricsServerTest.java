package io.cuttle.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private PrometheusMeterRegistry registry;
  private MetricsServer server;

  @BeforeEach
  void start() throws IOException {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    server = MetricsServer.start("127.0.0.1", 0, registry);
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ephemeralPortIsBoundAndExposed() {
    assertThat(server.port()).isPositive();
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void servesRegistryInPrometheusTextFormat() throws Exception {
    Counter c = Counter.builder("cuttle.test.events").description("events seen").register(registry);
    c.increment(3);

    HttpResponse<String> r = send("GET", "/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsServer.PROMETHEUS_CONTENT_TYPE);
    assertThat(r.body()).contains("# TYPE cuttle_test_events_total counter")
        .contains("cuttle_test_events_total 3.0");
  }

  @Test
  void extraRouteAnswersWithItsContentTypeAndSeesTheQuery() throws Exception {
    server.route("/state", uri -> RouteResponse.json("{\"query\":\"" + uri.getQuery() + "\"}"));

    HttpResponse<String> r = send("GET", "/state?format=json");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(RouteResponse.JSON);
    assertThat(r.body()).isEqualTo("{\"query\":\"format=json\"}");
  }

  @Test
  void unknownPathIs404NamingTheKnownPaths() throws Exception {
    server.route("/state", uri -> RouteResponse.text("ok"));

    HttpResponse<String> r = send("GET", "/nope");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("/nope").contains("/metrics").contains("/state");
  }

  @Test
  void nonGetIs405WithAllowHeader() throws Exception {
    HttpResponse<String> r = send("POST", "/metrics");

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    assertThat(r.body()).contains("POST");
  }

  @Test
  void failingHandlerIs500AndServerKeepsServing() throws Exception {
    server.route("/boom", uri -> {
      throw new IllegalStateException("kaput");
    });

    HttpResponse<String> bad = send("GET", "/boom");
    HttpResponse<String> good = send("GET", "/metrics");

    assertThat(bad.statusCode()).isEqualTo(500);
    assertThat(bad.body()).contains("kaput");
    assertThat(good.statusCode()).isEqualTo(200);
  }

  @Test
  void routeRejectsBadPathsAndMetricsOverride() {
    assertThatThrownBy(() -> server.route("state", uri -> RouteResponse.text("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with '/'");
    assertThatThrownBy(() -> server.route("/metrics", uri -> RouteResponse.text("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be replaced");
  }

  @Test
  void closeReleasesThePort() throws Exception {
    int port = server.port();
    server.close();

    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> http.send(req, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void bindingAPortInUseFailsWithIoException() {
    assertThatThrownBy(() -> MetricsServer.start("127.0.0.1", server.port(), registry))
        .isInstanceOf(IOException.class);
  }
}
