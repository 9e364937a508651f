package io.cuttle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.cli.CuttleCommand.CliFailure;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.policy.check.Finding;
import io.cuttle.policy.check.PolicyChecker;
import io.cuttle.policy.engine.HandlerFiles;
import io.cuttle.policy.sandbox.SandboxEngine;
import io.cuttle.policy.scenario.Scenario;
import io.cuttle.policy.scenario.ScenarioReader;
import io.cuttle.policy.scenario.ScenarioReport;
import io.cuttle.policy.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cuttle policy ...}: tools for handler authors. */
@Command(name = "policy", description = "Check, test and explain network exception handlers.",
    subcommands = {PolicyCommand.Check.class, PolicyCommand.Test.class, PolicyCommand.Explain.class,
        PolicyCommand.Types.class})
final class PolicyCommand {
  /** Exit code when a check or a scenario fails. */
  static final int FAILED = 1;

  /** {@code cuttle policy check FILE...}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Check handler files (and their NAME.manifest.yaml) without running them against a network:",
          "syntax, lifecycle functions, actions in exception(net), unknown API members, manifest types.",
          "Prints file:line:col: error|warning: message; exits 1 if any error was found."})
  static final class Check implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "handler scripts (.js)")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      boolean errors = false;
      try (SandboxEngine sandbox = SandboxEngine.create()) {
        for (Path f : files) {
          if (!Files.isRegularFile(f)) {
            throw new CliFailure("no handler file at " + f);
          }
          List<Finding> findings = PolicyChecker.check(sandbox, f);
          findings.forEach(out::println);
          errors |= PolicyChecker.hasErrors(findings);
          if (findings.isEmpty()) {
            out.println(f + ": ok");
          }
        }
      }
      out.flush();
      return errors ? FAILED : 0;
    }
  }

  /** {@code cuttle policy test FILE --scenario S.yaml}. */
  @Command(name = "test", mixinStandardHelpOptions = true,
      description = {"Run a handler through scenarios: network and host changes over time with the restrictions,",
          "notifications and reports expected at each step. Exits 1 if any step fails."})
  static final class Test implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the handler script (.js)")
    Path file;

    @Option(names = {"-s", "--scenario"}, paramLabel = "S.yaml", required = true,
        description = "scenario file; repeat for several")
    List<Path> scenarios = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      int failed = 0;
      try (SandboxEngine sandbox = SandboxEngine.create()) {
        for (Path sf : scenarios) {
          Scenario s = read(sf, out);
          if (s == null) {
            failed++;
            continue;
          }
          HandlerFiles.Read h = HandlerFiles.one(file, s.params());
          if (!h.diagnostics().isEmpty()) {
            h.diagnostics().forEach(d -> out.println("cuttle: " + d));
            failed++;
            continue;
          }
          ScenarioReport r = ScenarioRunner.run(sandbox, s, h.handlers().get(0));
          out.print(r.render());
          failed += r.passed() ? 0 : 1;
        }
      }
      out.println(failed == 0 ? "all " + scenarios.size() + " scenario(s) passed"
          : failed + " of " + scenarios.size() + " scenario(s) failed");
      out.flush();
      return failed == 0 ? 0 : FAILED;
    }

    private static Scenario read(Path sf, PrintWriter out) throws IOException {
      String text;
      try {
        text = Files.readString(sf, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new CliFailure("no scenario file at " + sf);
      }
      return switch (ScenarioReader.read(sf.toString(), text)) {
        case ScenarioReader.Result.Read r -> r.scenario();
        case ScenarioReader.Result.Invalid i -> {
          i.diagnostics().forEach(d -> out.println("cuttle: " + d));
          yield null;
        }
      };
    }
  }

  /** {@code cuttle policy explain}. */
  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = {"Ask a running daemon which handlers are loaded, fired, registered or failed, and why,",
          "and which handler owns each effective restriction."})
  static final class Explain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--admin", paramLabel = "HOST:PORT", description = "the daemon's admin address (default 127.0.0.1:9421)")
    String admin;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
      HostPort at = admin == null ? DaemonConfig.DEFAULT_ADMIN_LISTEN : Flags.hostPort("--admin", admin);
      String host = at.host().isEmpty() ? "127.0.0.1" : at.host();
      URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + at.port() + "/handlers"
          + (json ? "" : "?format=text"));
      HttpResponse<String> r;
      try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
        r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (ConnectException e) {
        throw new CliFailure("cannot reach the daemon at " + uri + " (connection refused): is it running, and is "
            + "its admin-listen this address?");
      }
      if (r.statusCode() != 200) {
        throw new CliFailure("the daemon at " + uri + " answered HTTP " + r.statusCode() + ": " + r.body());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? new ObjectMapper().readTree(r.body()).toPrettyString() + "\n" : r.body());
      out.flush();
      return 0;
    }
  }

  /** {@code cuttle policy types}: the TypeScript declarations of the handler API. */
  @Command(name = "types", mixinStandardHelpOptions = true,
      description = "Print the TypeScript declarations of the handler API (save as cuttle.d.ts beside your handlers).")
  static final class Types implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      try (InputStream in = SandboxEngine.class.getResourceAsStream("/io/cuttle/policy/cuttle.d.ts")) {
        if (in == null) {
          throw new CliFailure("the API declarations are missing from this build");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        out.flush();
      }
      return 0;
    }
  }
}
