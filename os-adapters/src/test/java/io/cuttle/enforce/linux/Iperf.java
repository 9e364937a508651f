package io.cuttle.enforce.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * iperf3 runs between the lab's namespaces, measured at the receiver (the server's per-interval
 * byte counts, fetched with {@code --get-server-output}) and converted to on-wire bit/s: every
 * full-size TCP segment of MSS payload bytes carries 14 (Ethernet) + 20 (IPv4) + 32 (TCP with
 * timestamps) header bytes, which HTB counts too.
 */
final class Iperf {
  static final int HEADER_BYTES = 14 + 20 + 32;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One receiver interval: seconds since the test started, payload bytes. */
  record Interval(double start, double end, long bytes) {
  }

  /** A finished run: the receiver's intervals and the MSS. */
  record Run(List<Interval> intervals, int mss) {
    /** On-wire bit/s over the intervals in [from, to) seconds. */
    double wireBps(double from, double to) {
      long bytes = 0;
      double secs = 0;
      for (Interval i : intervals) {
        if (i.start() >= from - 1e-6 && i.end() <= to + 1e-6) {
          bytes += i.bytes();
          secs += i.end() - i.start();
        }
      }
      if (secs == 0) {
        throw new IllegalStateException("expected receiver intervals in [" + from + ", " + to + "), got " + intervals);
      }
      return bytes * 8.0 / secs * (mss + HEADER_BYTES) / mss;
    }

    /** On-wire bytes of the whole run as the receiver counted them (payload plus headers). */
    double wireBytes() {
      return intervals.stream().mapToLong(Interval::bytes).sum() * (double) (mss + HEADER_BYTES) / mss;
    }

    double end() {
      return intervals.isEmpty() ? 0 : intervals.get(intervals.size() - 1).end();
    }
  }

  private Iperf() {
  }

  static Process server(NetnsLab lab, int port) {
    Process p = lab.startQuietInB("iperf3", "-s", "-J", "-i", "0.25", "-p", Integer.toString(port));
    waitListening(lab, port);
    return p;
  }

  /** Starts a client in namespace A; parse its output with {@link #finish}. */
  static Process client(NetnsLab lab, int port, double seconds, double interval) {
    return lab.startInA("iperf3", "-c", lab.ipB, "-p", Integer.toString(port), "-t", Double.toString(seconds), "-i",
        Double.toString(interval), "--json", "--get-server-output");
  }

  /** A client paced by iperf3 itself to {@code bps} of payload. */
  static Process pacedClient(NetnsLab lab, int port, double seconds, double interval, long bps) {
    return lab.startInA("iperf3", "-c", lab.ipB, "-p", Integer.toString(port), "-t", Double.toString(seconds), "-i",
        Double.toString(interval), "-b", Long.toString(bps), "--json", "--get-server-output");
  }

  static Run finish(Process client) throws IOException, InterruptedException {
    byte[] out = client.getInputStream().readAllBytes();
    if (!client.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("expected iperf3 to finish, got a hang");
    }
    JsonNode root = JSON.readTree(new String(out, StandardCharsets.UTF_8));
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

  private static void waitListening(NetnsLab lab, int port) {
    for (int i = 0; i < 100; i++) {
      if (lab.inB("ss", "-Htln", "sport = :" + port).stdout().contains(":" + port)) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("expected iperf3 to listen on port " + port + ", got nothing within 2 s");
  }

  /**
   * A client that waits for a line on stdin before it execs iperf3 (same PID), so a test can put it
   * in its app's cgroup first and its connection is born there.
   */
  static Process gatedClient(NetnsLab lab, int port, double seconds, double interval) {
    String cmd = "read go; exec iperf3 -c " + lab.ipB + " -p " + port + " -t " + seconds + " -i " + interval
        + " --json --get-server-output";
    return lab.startInA("bash", "-c", cmd);
  }

  static void release(Process gated) throws IOException {
    gated.getOutputStream().write('\n');
    gated.getOutputStream().flush();
  }
}
