package io.cuttle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.cli.CuttleCommand.CliFailure;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.config.DaemonConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cuttle flows}: a live, top-like view of which applications send how much, from a running daemon. */
@Command(name = "flows", mixinStandardHelpOptions = true,
    description = {"Show per-application traffic from a running daemon's admin endpoint (GET /flows),",
        "refreshed every interval like top; --once prints one screen, --json one JSON document."})
final class FlowsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Option(names = "--admin", paramLabel = "HOST:PORT", description = "the daemon's admin address (default 127.0.0.1:9421)")
  String admin;

  @Option(names = "--json", description = "print the daemon's JSON once and exit")
  boolean json;

  @Option(names = "--once", description = "print one screen and exit")
  boolean once;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", description = "refresh interval (default 1s)")
  String interval;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "apps shown (default 20)")
  int top;

  @Override
  public Integer call() throws Exception {
    HostPort at = admin == null ? DaemonConfig.DEFAULT_ADMIN_LISTEN : Flags.hostPort("--admin", admin);
    Duration every = io.cuttle.common.config.ConfigNode.parseDuration(interval)
        .filter(d -> !d.isZero() && !d.isNegative())
        .orElseThrow(() -> new CliFailure("--interval: expected a duration like 500ms or 2s, got '" + interval + "'"));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(fetch(at).toPrettyString());
      out.flush();
      return 0;
    }
    while (true) {
      String screen = render(fetch(at), top);
      out.print(once ? screen : "\033[H\033[2J" + screen);
      out.flush();
      if (once) {
        return 0;
      }
      Thread.sleep(every.toMillis());
    }
  }

  static JsonNode fetch(HostPort admin) throws IOException, InterruptedException {
    String host = admin.host().isEmpty() ? "127.0.0.1" : admin.host();
    URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.port() + "/flows");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliFailure("cannot reach the daemon at " + uri + " (connection refused): is it running, "
          + "and is its admin-listen this address?");
    }
    if (r.statusCode() == 404) {
      throw new CliFailure("the daemon at " + uri + " has no /flows (an older daemon?)");
    }
    if (r.statusCode() != 200) {
      throw new CliFailure("the daemon at " + uri + " answered HTTP " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** One screen: status line, capture line, then apps by current rate. */
  static String render(JsonNode v, int top) {
    StringBuilder b = new StringBuilder();
    String state = v.path("state").asText();
    if (!"running".equals(state)) {
      return "flow accounting is " + state + ": " + v.path("detail").asText() + "\n";
    }
    JsonNode cap = v.path("capture");
    b.append(String.format(Locale.ROOT, "host %s at %s  window %s  attributed %.2f%%%n", v.path("host_id").asText(),
        v.path("at").asText(), v.path("window").asText(), 100 * v.path("attributed_share").asDouble()));
    b.append(String.format(Locale.ROOT, "capture: %d received, %d dropped, %d dropped by interface%s%n",
        cap.path("received").asLong(), cap.path("dropped").asLong(), cap.path("dropped_by_interface").asLong(),
        v.has("capture_problem") ? "  (" + v.path("capture_problem").asText() + ")" : ""));
    b.append(String.format(Locale.ROOT, "%n%-20s %-13s %-12s %6s %12s %12s %10s %10s%n", "APP", "CLASS", "USERS",
        "FLOWS", "UP/s", "DOWN/s", "SENT", "RECEIVED"));
    int n = 0;
    for (JsonNode a : v.path("apps")) {
      if (n++ >= top) {
        break;
      }
      StringBuilder users = new StringBuilder();
      a.path("users").forEach(u -> users.append(users.isEmpty() ? "" : ",").append(u.asText()));
      b.append(String.format(Locale.ROOT, "%-20s %-13s %-12s %6d %12s %12s %10s %10s%n", clip(a.path("app").asText(), 20),
          clip(a.path("class").asText(), 13), clip(users.toString(), 12), a.path("flow_count").asInt(),
          bits(a.path("up_bps").asDouble()), bits(a.path("down_bps").asDouble()), bytes(a.path("bytes_up").asLong()),
          bytes(a.path("bytes_down").asLong())));
    }
    return b.toString();
  }

  static String bits(double bps) {
    String[] units = {"bit", "kbit", "Mbit", "Gbit", "Tbit"};
    int i = 0;
    while (bps >= 1000 && i < units.length - 1) {
      bps /= 1000;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", bps, units[i]);
  }

  static String bytes(long n) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = n;
    int i = 0;
    while (v >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, units[i]);
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "~";
  }
}
