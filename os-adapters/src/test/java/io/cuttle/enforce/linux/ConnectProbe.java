package io.cuttle.enforce.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in app in namespace A: a shell that, per request, opens a TCP connection (or sends a UDP
 * datagram) from its own process tree (so from its cgroup) and answers {@code OK} or the error,
 * e.g. "Connection refused" or "Operation not permitted".
 */
final class ConnectProbe {
  private final Process process;
  private final BufferedReader out;
  private final OutputStream in;

  ConnectProbe(NetnsLab lab) {
    String loop = "while read -r proto host port; do if exec 3<>/dev/$proto/$host/$port && echo hi >&3; then echo OK;"
        + " exec 3>&-; else echo FAIL; fi; done 2>&1";
    this.process = lab.startInA("bash", "-c", loop);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = process.getOutputStream();
  }

  long pid() {
    return process.pid();
  }

  /** The result of one connection attempt and how long it took. */
  record Attempt(String answer, double seconds) {
  }

  Attempt connect(String host, int port) throws IOException {
    return attempt("tcp", host, port);
  }

  /** Opens a UDP socket to host:port and sends one datagram. */
  Attempt sendUdp(String host, int port) throws IOException {
    return attempt("udp", host, port);
  }

  private Attempt attempt(String proto, String host, int port) throws IOException {
    long t = System.nanoTime();
    in.write((proto + " " + host + " " + port + "\n").getBytes(StandardCharsets.US_ASCII));
    in.flush();
    StringBuilder lines = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      lines.append(line.strip()).append(' ');
      if (line.equals("OK") || line.equals("FAIL")) {
        break;
      }
    }
    return new Attempt(lines.toString().strip(), (System.nanoTime() - t) / 1e9);
  }
}
