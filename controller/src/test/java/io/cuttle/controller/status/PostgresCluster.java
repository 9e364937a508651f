package io.cuttle.controller.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a temporary directory, {@code pg_ctl
 * start} on a free loopback port with its unix socket in that directory, trust authentication for
 * user {@code cuttle}. Run as the {@code postgres} user when the tests run as root (initdb refuses
 * root). {@link #close()} stops it and deletes the directory.
 */
final class PostgresCluster implements AutoCloseable {
  static final String USER = "cuttle";
  private static final Path INSTALL = Path.of("/usr/lib/postgresql");

  private final Path bin;
  private final Path dir;
  private final int port;

  private PostgresCluster(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** The newest installed server's bin directory; empty when the postgresql package is not installed. */
  static Optional<Path> binaries() {
    if (!Files.isDirectory(INSTALL)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(INSTALL)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(Path p) {
    try {
      return Integer.parseInt(p.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static PostgresCluster start(Path bin) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("cuttle-status-pg-");
    if (isRoot()) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
      view.setOwner(users.lookupPrincipalByName("postgres"));
      GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
      view.setGroup(group);
    }
    PostgresCluster c = new PostgresCluster(bin, dir, freePort());
    try {
      c.run(List.of(bin.resolve("initdb").toString(), "-D", c.data().toString(), "-U", USER, "-A", "trust",
          "-E", "UTF8", "--no-sync", "--no-instructions"));
      c.startServer();
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Starts the server (again, after {@link #stopServer()}) and waits until it accepts connections. */
  void startServer() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("server.log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
  }

  /** Stops the server, ending every connection. */
  void stopServer() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-t", "60", "-m", "fast", "stop"));
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (isRoot()) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish within 90 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": "
          + new String(out, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (Files.exists(data().resolve("postmaster.pid"))) {
        stopServer();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL in " + dir, e);
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
