package io.cuttle.cli;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.Daemon;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cuttle daemon ...}. */
@Command(name = "daemon", description = "Run the host daemon.", subcommands = DaemonCommand.Run.class)
final class DaemonCommand {

  /** {@code cuttle daemon run}: keep the network state of this host until interrupted. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Subscribe to the controllers and keep the network state until interrupted (SIGINT/SIGTERM).",
          "Without a config file it connects to 127.0.0.1:7420 and keeps its state in /var/lib/cuttle."})
  static final class Run implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "daemon.yaml")
    Path config;

    @Option(names = "--controller", paramLabel = "HOST:PORT",
        description = "controller address; repeat for failover (replaces the file's list)")
    List<String> controllers = new ArrayList<>();

    @Option(names = "--host-id", paramLabel = "ID", description = "identity reported to the controller")
    String hostId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "where the state is kept across restarts")
    Path stateDir;

    @Option(names = "--admin-listen", paramLabel = "HOST:PORT|off", description = "HTTP address for /metrics and /state")
    String adminListen;

    @Override
    public Integer call() throws Exception {
      DaemonConfig c = config == null ? DaemonConfig.defaults() : DaemonConfigReader.read(config);
      c = overrides(c);
      Daemon daemon = Daemon.start(c, Clock.systemUTC());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        daemon.close();
        stopped.countDown();
      }, "cuttle-shutdown"));
      stopped.await();
      return 0;
    }

    private DaemonConfig overrides(DaemonConfig c) throws ConfigException {
      if (!controllers.isEmpty()) {
        List<HostPort> list = new ArrayList<>();
        for (String s : controllers) {
          list.add(Flags.hostPort("--controller", s));
        }
        c = c.withControllers(list);
      }
      if (hostId != null) {
        c = c.withHostId(hostId);
      }
      if (stateDir != null) {
        c = c.withStateDir(stateDir);
      }
      if (adminListen != null) {
        c = c.withAdminListen(adminListen.equals("off") ? Optional.empty()
            : Optional.of(Flags.hostPort("--admin-listen", adminListen)));
      }
      return c;
    }
  }
}
