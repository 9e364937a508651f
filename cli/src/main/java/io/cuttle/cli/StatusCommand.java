package io.cuttle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.cli.CuttleCommand.CliFailure;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.status.EnforcementOutcome;
import io.cuttle.controller.status.StatusApi;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cuttle status}: the enforcement status of every host, as the controller last heard it. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show the status hosts last reported to a controller.",
        "Per host: handlers, restrictions and their outcomes, errors, and",
        "whether it still reports (STALE when it stopped). Asks the",
        "controller's HTTP endpoint (metrics-listen, default 127.0.0.1:9420)."})
final class StatusCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "HOST", description = "show this host in detail, with its history")
  String host;

  @Option(names = "--controller", paramLabel = "HOST:PORT", description = "the controller's metrics-listen address")
  String controller;

  @Option(names = "--json", description = "print the controller's JSON instead of a table")
  boolean json;

  @Option(names = "--stale", description = "only hosts that stopped reporting")
  boolean staleOnly;

  @Option(names = "--outcome", paramLabel = "OUTCOME",
      description = "only hosts with a restriction of this outcome (ENFORCED, PARTIAL, UNSUPPORTED, FAILED, REVERTED)")
  String outcome;

  @Override
  public Integer call() throws Exception {
    HostPort address = controller == null ? ControllerConfig.DEFAULT_METRICS_LISTEN
        : Flags.hostPort("--controller", controller);
    if (outcome != null && EnforcementOutcome.parse(outcome).isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--outcome: expected one of "
          + List.of(EnforcementOutcome.values()) + ", got '" + outcome + "'");
    }
    if (host != null && (staleOnly || outcome != null)) {
      throw new ParameterException(spec.commandLine(), "--stale and --outcome filter the list of hosts; "
          + "expected them without HOST, got HOST '" + host + "'");
    }
    JsonNode answer = fetch(base(address) + path());
    var out = spec.commandLine().getOut();
    out.print(json ? answer.toPrettyString() + "\n" : host != null ? StatusText.host(answer) : StatusText.list(answer));
    out.flush();
    return 0;
  }

  private String path() {
    if (host != null) {
      return StatusApi.HOSTS + "/" + URLEncoder.encode(host, StandardCharsets.UTF_8).replace("+", "%20");
    }
    List<String> query = new ArrayList<>();
    if (staleOnly) {
      query.add("stale=true");
    }
    if (outcome != null) {
      query.add("outcome=" + outcome.toUpperCase(Locale.ROOT));
    }
    return StatusApi.HOSTS + (query.isEmpty() ? "" : "?" + String.join("&", query));
  }

  private static String base(HostPort a) {
    String h = a.host().isEmpty() ? "127.0.0.1" : a.host();
    return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + a.port();
  }

  private static JsonNode fetch(String url) throws IOException, InterruptedException {
    URI uri = URI.create(url);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliFailure("cannot reach the controller at " + uri + " (connection refused): is it running, and is "
          + "--controller its metrics-listen address?");
    }
    if (r.statusCode() != 200) {
      throw new CliFailure("the controller at " + uri + " answered HTTP " + r.statusCode() + ": " + errorOf(r.body()));
    }
    return JSON.readTree(r.body());
  }

  private static String errorOf(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n.hasNonNull("error") ? n.get("error").asText() : body.strip();
    } catch (IOException e) {
      return body.strip();
    }
  }
}
