package io.cuttle.cli;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.ControllerConfigParser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cuttle controller ...}. */
@Command(name = "controller", description = "Run a controller.", subcommands = ControllerCommand.Run.class)
final class ControllerCommand {

  /** {@code cuttle controller run}: serve network state to daemons until interrupted. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Serve network state to daemons until interrupted (SIGINT/SIGTERM).",
          "Without a config file it serves the embedded example topology on 127.0.0.1:7420."})
  static final class Run implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "controller.yaml")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "gRPC address for daemons (overrides the file)")
    String listen;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT|off", description = "HTTP address for /metrics, /status, /api/v1/hosts")
    String metricsListen;

    @Option(names = "--topology", paramLabel = "FILE", description = "serve this topology file (overrides the file)")
    Path topology;

    @Override
    public Integer call() throws Exception {
      ControllerConfig c = config == null ? ControllerConfig.defaults() : ControllerConfigParser.read(config);
      c = overrides(c);
      Controller controller = Controller.start(c, Clock.systemUTC());
      Runtime.getRuntime().addShutdownHook(new Thread(controller::close, "cuttle-shutdown"));
      controller.awaitTermination();
      return 0;
    }

    private ControllerConfig overrides(ControllerConfig c) throws ConfigException {
      HostPort l = listen == null ? c.listen() : Flags.hostPort("--listen", listen);
      Optional<HostPort> m = metricsListen == null ? c.metricsListen()
          : metricsListen.equals("off") ? Optional.empty() : Optional.of(Flags.hostPort("--metrics-listen", metricsListen));
      TopologySource t = topology == null ? c.topology()
          : new TopologySource.FromFile(topology, ControllerConfig.DEFAULT_POLL_INTERVAL);
      return new ControllerConfig(l, m, t, c.history(), c.subscriberBuffer(), c.heartbeat(), c.lineageId(), c.linger(),
          c.annotationSpread(), c.annotations(), c.status());
    }
  }
}
