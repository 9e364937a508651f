package io.cuttle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.cli.CuttleCommand.CliFailure;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.admin.StateText;
import io.cuttle.daemon.admin.StateView;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.state.StateFile;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireFormatException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cuttle state ...}. */
@Command(name = "state", description = "Inspect the network state a daemon holds.", subcommands = StateCommand.Show.class)
final class StateCommand {

  /** {@code cuttle state show}: the daemon's current view, as text or JSON. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Show the network state a daemon holds: from the running daemon's admin endpoint",
          "(default 127.0.0.1:9421), or from its state file when it is not running."})
  static final class Show implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    static final class Source {
      @Option(names = "--admin", paramLabel = "HOST:PORT", description = "the daemon's admin address")
      String admin;

      @Option(names = "--state-file", paramLabel = "FILE", description = "read a state file (state.pb) instead")
      Path stateFile;
    }

    @Override
    public Integer call() throws Exception {
      JsonNode view = source.stateFile != null ? fromFile(source.stateFile) : fromDaemon(admin());
      var out = spec.commandLine().getOut();
      out.print(json ? view.toPrettyString() + "\n" : StateText.render(view));
      out.flush();
      return 0;
    }

    private HostPort admin() throws Exception {
      return source.admin == null ? DaemonConfig.DEFAULT_ADMIN_LISTEN : Flags.hostPort("--admin", source.admin);
    }

    private static JsonNode fromDaemon(HostPort admin) throws IOException, InterruptedException {
      String host = admin.host().isEmpty() ? "127.0.0.1" : admin.host();
      URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.port() + "/state");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
      HttpResponse<String> r;
      try {
        r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (ConnectException e) {
        throw new CliFailure("cannot reach the daemon at " + uri + " (connection refused): is it running, "
            + "and is its admin-listen this address? Use --state-file to read a stopped daemon's state.");
      }
      if (r.statusCode() != 200) {
        throw new CliFailure("the daemon at " + uri + " answered HTTP " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    }

    private static JsonNode fromFile(Path file) throws IOException {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        throw new CliFailure("no state file at " + file + " (a daemon writes <state-dir>/" + StateFile.FILE_NAME + ")");
      }
      try {
        NetworkState s = StateFile.decode(bytes);
        return StateView.of(s);
      } catch (WireFormatException e) {
        throw new CliFailure(file + " is not a readable state file: " + e.getMessage());
      }
    }
  }
}
