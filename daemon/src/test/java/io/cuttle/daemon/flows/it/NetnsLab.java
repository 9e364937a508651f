package io.cuttle.daemon.flows.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair: {@code PREFIX-a} (10.99.4.1, the accounted
 * host) and {@code PREFIX-b} (10.99.4.2, the servers). {@link #close()} kills every process it
 * started and deletes both namespaces (which removes the veth pair), also after a failed test.
 */
final class NetnsLab implements AutoCloseable {
  static final String A_ADDR = "10.99.4.1";
  static final String B_ADDR = "10.99.4.2";

  final String a;
  final String b;
  private final List<Process> started = new ArrayList<>();

  private NetnsLab(String prefix) {
    this.a = prefix + "-a";
    this.b = prefix + "-b";
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static NetnsLab create(String prefix) throws IOException, InterruptedException {
    NetnsLab lab = new NetnsLab(prefix);
    lab.deleteNamespaces();
    try {
      run("ip", "netns", "add", lab.a);
      run("ip", "netns", "add", lab.b);
      run("ip", "link", "add", prefix + "-va", "netns", lab.a, "type", "veth", "peer", "name", prefix + "-vb",
          "netns", lab.b);
      run("ip", "-n", lab.a, "addr", "add", A_ADDR + "/24", "dev", prefix + "-va");
      run("ip", "-n", lab.b, "addr", "add", B_ADDR + "/24", "dev", prefix + "-vb");
      for (String ns : List.of(lab.a, lab.b)) {
        run("ip", "-n", ns, "link", "set", "lo", "up");
      }
      run("ip", "-n", lab.a, "link", "set", prefix + "-va", "up");
      run("ip", "-n", lab.b, "link", "set", prefix + "-vb", "up");
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  Path netnsA() {
    return Path.of("/run/netns", a);
  }

  /** Starts a command in namespace {@code ns} (nsenter keeps /sys and cgroupfs as they are). */
  Process start(String ns, String... command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + ns, "--"));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    started.add(p);
    return p;
  }

  /** Runs a command in {@code ns} to its end and returns its standard output. */
  String output(String ns, Duration limit, String... command) throws IOException, InterruptedException {
    Process p = start(ns, command);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish within " + limit);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": "
          + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Waits until something listens on TCP {@code port} in {@code ns}. */
  void awaitListening(String ns, int port) throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      String ss = output(ns, Duration.ofSeconds(5), "ss", "-Htln", "sport = :" + port);
      if (!ss.isBlank()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IOException("nothing listens on port " + port + " in " + ns + " after 5 s");
  }

  static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  private void deleteNamespaces() throws InterruptedException {
    for (String ns : List.of(a, b)) {
      if (Files.exists(Path.of("/run/netns", ns))) {
        try {
          run("ip", "netns", "del", ns);
        } catch (IOException e) {
          // Best effort; create() reports what is still in the way.
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : started) {
      p.waitFor(5, TimeUnit.SECONDS);
    }
    deleteNamespaces();
  }
}
