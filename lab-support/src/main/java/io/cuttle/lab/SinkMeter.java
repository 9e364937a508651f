package io.cuttle.lab;

import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte counter per destination port in a namespace (the lab's sink): an nft table of its own with
 * one {@code tcp dport N counter} rule per port on the input hook. It counts IP bytes, so the rates
 * read from it are slightly above the payload's. The table goes with the namespace.
 */
public final class SinkMeter {
  private static final Pattern COUNTER = Pattern.compile("tcp dport (\\d+) counter packets \\d+ bytes (\\d+)");
  private final String netns;
  private final String table;

  private SinkMeter(String netns, String table) {
    this.netns = netns;
    this.table = table;
  }

  /**
   * Installs the meter's table {@code inet table} in the namespace, counting each port.
   *
   * @throws IllegalStateException with nft's output when the table cannot be added
   */
  public static SinkMeter install(String netns, String table, int... ports) {
    StringBuilder s = new StringBuilder("table inet " + table + " {\n chain in {\n"
        + "  type filter hook input priority 0; policy accept;\n");
    for (int p : ports) {
      s.append("  tcp dport ").append(p).append(" counter\n");
    }
    s.append(" }\n}\n");
    CommandResult r = ProcessCommandRunner.inNetns(Optional.of(netns)).run(List.of("nft", "-f", "-"), s.toString());
    if (!r.ok()) {
      throw new IllegalStateException(r.describe());
    }
    return new SinkMeter(netns, table);
  }

  /**
   * IP bytes counted so far for every port, read at one instant.
   *
   * @throws IllegalStateException when the table holds no counter (it is gone)
   */
  public Map<Integer, Long> bytes() {
    String out = list();
    Matcher m = COUNTER.matcher(out);
    Map<Integer, Long> bytes = new TreeMap<>();
    while (m.find()) {
      bytes.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }
    if (bytes.isEmpty()) {
      throw new IllegalStateException("expected port counters in the sink's meter, got " + out);
    }
    return bytes;
  }

  /**
   * IP bytes counted so far for one port.
   *
   * @throws IllegalStateException when the table holds no counter for the port
   */
  public long bytes(int port) {
    String out = list();
    Matcher m = COUNTER.matcher(out);
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) == port) {
        return Long.parseLong(m.group(2));
      }
    }
    throw new IllegalStateException("expected a counter for port " + port + ", got " + out);
  }

  private String list() {
    return ProcessCommandRunner.inNetns(Optional.of(netns)).run(List.of("nft", "list", "table", "inet", table))
        .stdout();
  }
}
