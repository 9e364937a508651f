package io.cuttle.daemon;

import io.cuttle.common.config.ConfigException;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a daemon until the process is stopped: {@code cuttle-daemon [daemon.yaml]}. Without an
 * argument the defaults apply. Exit status 2 for a bad configuration (every problem is printed
 * with file:line:col), 1 if the daemon cannot start.
 */
public final class DaemonMain {
  private DaemonMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 1) {
      System.err.println("usage: cuttle-daemon [daemon.yaml]");
      System.exit(2);
    }
    DaemonConfig config;
    try {
      config = args.length == 1 ? DaemonConfigReader.read(Path.of(args[0])) : DaemonConfig.defaults();
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Daemon daemon;
    try {
      daemon = Daemon.start(config, Clock.systemUTC());
    } catch (IOException e) {
      System.err.println("cuttle-daemon: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      daemon.close();
      stopped.countDown();
    }, "cuttle-daemon-shutdown"));
    stopped.await();
  }
}
