package io.cuttle.controller.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.common.metrics.MetricsServer;
import io.cuttle.common.metrics.RouteResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The JSON HTTP API over {@link HostStatusService}, on the controller's metrics server
 * (format: {@code controller/docs/status.md}):
 * <ul>
 *   <li>{@code GET /api/v1/hosts[?stale=true|false][&outcome=FAILED]}: every matching host;
 *   <li>{@code GET /api/v1/hosts/<id>}: one host with its history of changes.
 * </ul>
 * Bad parameters get 400 and an unknown host 404, each with {@code {"error": "..."}}.
 */
public final class StatusApi {
  public static final String HOSTS = "/api/v1/hosts";

  private final HostStatusService service;
  private final Clock clock;

  public StatusApi(HostStatusService service, Clock clock) {
    this.service = Objects.requireNonNull(service, "service");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Adds the API's routes to {@code server}. */
  public void register(MetricsServer server) {
    server.route(HOSTS, this::list).routePrefix(HOSTS + "/", this::one);
  }

  RouteResponse list(URI uri) {
    return switch (HostFilter.parse(uri.getRawQuery())) {
      case HostFilter.Parsed.Invalid bad -> error(400, bad.message());
      case HostFilter.Parsed.Valid ok -> RouteResponse.json(listJson(service.hosts(ok.filter())).toPrettyString());
    };
  }

  RouteResponse one(URI uri) {
    String raw = uri.getRawPath().substring(HOSTS.length() + 1);
    if (raw.isEmpty() || raw.contains("/")) {
      return error(404, "expected " + HOSTS + "/<host id> (a '/' in the id written %2F), got " + uri.getRawPath());
    }
    String id = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    return service.host(id)
        .map(v -> RouteResponse.json(hostJson(v).set("history", StatusJson.changes(service.history(id)))
            .toPrettyString()))
        .orElseGet(() -> error(404, "no host '" + id + "' has reported to this controller"));
  }

  ObjectNode listJson(List<HostView> hosts) {
    ObjectNode root = StatusJson.MAPPER.createObjectNode();
    root.put("generatedAt", clock.instant().toString());
    root.put("staleAfterMs", service.staleAfter().toMillis());
    root.put("store", service.store().describe());
    ArrayNode arr = root.putArray("hosts");
    hosts.forEach(v -> arr.add(hostJson(v)));
    return root;
  }

  /** A host's status plus {@code state} (REPORTING or STALE) and {@code sinceLastReportMs}. */
  static ObjectNode hostJson(HostView v) {
    ObjectNode o = StatusJson.MAPPER.createObjectNode();
    o.put("host", v.status().hostId());
    o.put("state", v.liveness().name());
    o.put("sinceLastReportMs", v.sinceLastReport().toMillis());
    ObjectNode s = StatusJson.status(v.status());
    s.remove("host");
    o.setAll(s);
    return o;
  }

  private static RouteResponse error(int status, String message) {
    return new RouteResponse(status, RouteResponse.JSON,
        StatusJson.MAPPER.createObjectNode().put("error", message).toPrettyString());
  }
}
