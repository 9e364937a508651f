package io.cuttle.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * iperf3 from the host to the sink, measured at the receiver (the server's per-interval byte
 * counts, fetched with {@code --get-server-output}) and converted to on-wire bit/s: a full-size
 * TCP segment of MSS payload bytes carries 14 + 20 + 32 header bytes, which HTB counts too.
 */
final class Iperf {
  static final int HEADER_BYTES = 14 + 20 + 32;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One receiver interval: seconds since the run started, payload bytes. */
  record Interval(double start, double end, long bytes) {
  }

  /** A finished run: the receiver's intervals and the MSS. */
  record Run(List<Interval> intervals, int mss) {
    /** On-wire bit/s over the intervals inside [from, to] seconds. */
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
        throw new IllegalStateException("expected receiver intervals in [" + from + ", " + to + "], got " + intervals);
      }
      return bytes * 8.0 / secs * (mss + HEADER_BYTES) / mss;
    }
  }

  private Iperf() {
  }

  /** A server in the sink namespace; returns once it listens. */
  static Process server(HostLab lab, int port) throws InterruptedException {
    Process p = lab.start(lab.sinkNs, true, "iperf3", "-s", "-J", "-i", "0.5", "-p", Integer.toString(port));
    for (int i = 0; i < 100; i++) {
      if (lab.inSink("ss", "-Htln", "sport = :" + port).stdout().contains(":" + port)) {
        return p;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("expected iperf3 to listen on port " + port + ", got nothing within 2 s");
  }

  /** A client in the host namespace paced to {@code bps} of payload; parse it with {@link #finish}. */
  static Process client(HostLab lab, int port, int seconds, long bps) {
    return lab.start(lab.hostNs, false, "iperf3", "-c", lab.sinkIp, "-p", Integer.toString(port), "-t",
        Integer.toString(seconds), "-i", "0.5", "-b", Long.toString(bps), "--json", "--get-server-output");
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
}
