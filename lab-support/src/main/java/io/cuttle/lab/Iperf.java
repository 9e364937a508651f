package io.cuttle.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * iperf3 between the lab's namespaces. Measured runs are read at the receiver (the server's
 * per-interval byte counts, fetched with {@code --get-server-output}) and converted to on-wire bit/s:
 * a full-size TCP segment of MSS payload bytes carries 14 + 20 + 32 header bytes, which HTB counts
 * too. Unmeasured traffic (the apps of a story, counted by a {@link SinkMeter}) is a plain paced client.
 */
public final class Iperf {
  /** Ethernet, IPv4 and TCP-with-timestamps header bytes of a segment. */
  public static final int HEADER_BYTES = 14 + 20 + 32;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One receiver interval: seconds since the run started, payload bytes. */
  public record Interval(double start, double end, long bytes) {
  }

  /** A finished run: the receiver's intervals and the MSS. */
  public record Run(List<Interval> intervals, int mss) {
    public Run {
      intervals = List.copyOf(intervals);
    }

    /**
     * On-wire bit/s over the intervals inside [from, to] seconds.
     *
     * @throws IllegalStateException when no interval lies inside
     */
    public double wireBps(double from, double to) {
      long bytes = 0;
      double secs = 0;
      for (Interval i : intervals) {
        if (i.start() >= from - 1e-6 && i.end() <= to + 1e-6) {
          bytes += i.bytes();
          secs += i.end() - i.start();
        }
      }
      if (secs == 0) {
        throw new IllegalStateException("expected receiver intervals in [" + from + ", " + to + "], got " + intervals);
      }
      return bytes * 8.0 / secs * (mss + HEADER_BYTES) / mss;
    }
  }

  private Iperf() {
  }

  /**
   * A measured server (JSON, 0.5 s intervals) in the namespace; returns once it listens.
   *
   * @throws IllegalStateException when it does not listen within 2 s
   */
  public static Process server(LabProcesses processes, String netns, int port) throws InterruptedException {
    Process p = processes.start(netns, true, "iperf3", "-s", "-J", "-i", "0.5", "-p", Integer.toString(port));
    for (int i = 0; i < 100; i++) {
      if (ProcessCommandRunner.inNetns(Optional.of(netns)).run(List.of("ss", "-Htln", "sport = :" + port)).stdout()
          .contains(":" + port)) {
        return p;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("expected iperf3 to listen on port " + port + ", got nothing within 2 s");
  }

  /** A measured client in the namespace paced to {@code bps} of payload; read it with {@link #finish}. */
  public static Process client(LabProcesses processes, String netns, String serverIp, int port, int seconds, long bps) {
    return processes.start(netns, false, "iperf3", "-c", serverIp, "-p", Integer.toString(port), "-t",
        Integer.toString(seconds), "-i", "0.5", "-b", Long.toString(bps), "--json", "--get-server-output");
  }

  /** The command of a plain server on {@code port}, for a namespace's process starter. */
  public static String[] plainServer(int port) {
    return new String[] {"iperf3", "-s", "-p", Integer.toString(port)};
  }

  /** The command of a plain client paced to {@code bps} of payload for {@code seconds}. */
  public static String[] pacedClient(String serverIp, int port, int seconds, long bps) {
    return new String[] {"iperf3", "-c", serverIp, "-p", Integer.toString(port), "-t", Integer.toString(seconds), "-b",
        Long.toString(bps)};
  }

  /**
   * Waits for a measured client and reads its run.
   *
   * @throws IllegalStateException when it hangs for 30 s or iperf3 reports an error
   * @throws IOException when its output is not JSON
   */
  public static Run finish(Process client) throws IOException, InterruptedException {
    byte[] out = client.getInputStream().readAllBytes();
    if (!client.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("expected iperf3 to finish, got a hang");
    }
    return parse(new String(out, StandardCharsets.UTF_8));
  }

  /**
   * A client's {@code --json --get-server-output} report as a run.
   *
   * @throws IllegalStateException when iperf3 reports an error
   * @throws IOException when the text is not JSON
   */
  public static Run parse(String json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root.has("error")) {
      throw new IllegalStateException("iperf3: " + root.get("error").asText());
    }
    int mss = root.path("start").path("tcp_mss_default").asInt(1448);
    List<Interval> list = new ArrayList<>();
    for (JsonNode i : root.path("server_output_json").path("intervals")) {
      JsonNode s = i.path("sum");
      list.add(new Interval(s.path("start").asDouble(), s.path("end").asDouble(), s.path("bytes").asLong()));
    }
    return new Run(list, mss);
  }
}
