package io.cuttle.bench.failover;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a monitor command ({@code ip -ts monitor ...}, {@code nft monitor}) and keeps every line
 * with the instant this JVM read it and, when the line starts with a stamp, the instant the
 * monitor itself read the netlink message: {@code ip -ts}'s {@code [2026-11-23T16:07:08.259995]}
 * (printed in UTC because the command runs with TZ=UTC) or {@code [1795450039.985962]} (epoch
 * seconds, from a shell loop that stamps each line it reads). All are wall-clock (CLOCK_REALTIME).
 */
final class LineMonitor implements AutoCloseable {
  private static final Pattern STAMP = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+)\\]\\s*");
  /** {@code [1795450039.985962]}: seconds since the epoch, as bash's {@code $EPOCHREALTIME} prints them. */
  private static final Pattern EPOCH = Pattern.compile("^\\[(\\d{9,})\\.(\\d{1,9})\\]\\s*");

  /** One line: when it was read here, when the monitor stamped it (if it did), its text. */
  record Line(Instant read, Optional<Instant> stamped, String text) {
    /** The monitor's own stamp when there is one, else the read time. */
    Instant at() {
      return stamped.orElse(read);
    }
  }

  private final String name;
  private final Process process;
  private final Thread reader;
  private final List<Line> lines = new ArrayList<>();

  private LineMonitor(String name, Process process) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(this::read, "monitor-" + name);
    this.reader.setDaemon(true);
    this.reader.setPriority(Thread.MAX_PRIORITY);
  }

  static LineMonitor start(String name, List<String> argv) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("TZ", "UTC");
    pb.environment().put("LC_ALL", "C");
    LineMonitor m = new LineMonitor(name, pb.start());
    m.reader.start();
    return m;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String l;
      while ((l = in.readLine()) != null) {
        Instant now = Instant.now();
        Optional<Instant> stamped = Optional.empty();
        Matcher m = STAMP.matcher(l);
        if (m.find()) {
          try {
            stamped = Optional.of(LocalDateTime.parse(m.group(1)).toInstant(ZoneOffset.UTC));
          } catch (DateTimeParseException ignored) {
            // not a stamp after all: the read time stands
          }
          l = l.substring(m.end());
        } else {
          Matcher e = EPOCH.matcher(l);
          if (e.find()) {
            String frac = (e.group(2) + "000000000").substring(0, 9);
            stamped = Optional.of(Instant.ofEpochSecond(Long.parseLong(e.group(1)), Long.parseLong(frac)));
            l = l.substring(e.end());
          }
        }
        synchronized (this) {
          lines.add(new Line(now, stamped, l));
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the monitor was stopped
    }
  }

  /** The first line read at or after {@code since} that matches, waiting up to {@code timeoutMs}. */
  synchronized Optional<Line> await(Instant since, Predicate<String> match, long timeoutMs)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    int from = 0;
    while (true) {
      for (int i = from; i < lines.size(); i++) {
        Line l = lines.get(i);
        if (!l.read().isBefore(since) && match.test(l.text())) {
          return Optional.of(l);
        }
      }
      from = lines.size();
      long left = end - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Drops lines read before {@code before} (keeps memory flat over many trials). */
  synchronized void forget(Instant before) {
    lines.removeIf(l -> l.read().isBefore(before));
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
