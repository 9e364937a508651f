package io.cuttle.enforce.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bytes an HTB class has sent ({@code tc -s class show}): what left the interface through
 * the class, Ethernet/IP/TCP headers of every segment included, i.e. on-wire bytes.
 *
 * <p>The counter moves one dequeued packet at a time, and with segmentation offload a TCP sender's
 * packets grow to 64 KB within its first seconds: at 1 Mbit/s the class then sends one
 * 68,130-byte packet (45 segments with their headers) every 0.545 s, and the counter is a
 * staircase. Two readings W seconds apart see a whole number of steps, off the true rate by up to
 * one step (7% of a 7.5 s window at 1 Mbit/s, 22% of 2.5 s); a line fitted through the readings
 * themselves is pulled up while the steps still grow. {@link #paidRateBps} uses what HTB does: it
 * dequeues a packet when the tokens spent on the previous ones are earned back, so at each step the
 * bytes sent <em>before</em> it grow exactly at the class rate while the class has a backlog.
 */
final class ClassMeter {
  private static final Pattern SENT = Pattern.compile("Sent (\\d+) bytes");
  private final NetnsLab lab;
  private final String classId;
  private final String dev;

  ClassMeter(NetnsLab lab, String classId) {
    this(lab, lab.devA, classId);
  }

  ClassMeter(NetnsLab lab, String dev, String classId) {
    this.lab = lab;
    this.dev = dev;
    this.classId = classId;
  }

  /** A reading: class bytes sent and the monotonic time it was taken. */
  record Reading(long bytes, long nanos) {
    double bpsSince(Reading earlier) {
      return (bytes - earlier.bytes) * 8.0 / ((nanos - earlier.nanos) / 1e9);
    }
  }

  /** Readings taken about {@code every} apart (the first one now) for {@code window}. */
  List<Reading> sample(Duration window, Duration every) throws InterruptedException {
    List<Reading> out = new ArrayList<>();
    long end = System.nanoTime() + window.toNanos();
    long next = System.nanoTime();
    while (true) {
      out.add(read());
      next += every.toNanos();
      if (next > end) {
        return out;
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
  }

  /**
   * The rate, in bit/s, at which the class paid for its packets: a least-squares line through one
   * point per counter step, at the middle of the two readings around the step, of the bytes sent
   * before it. Needs at least 3 steps among the readings.
   */
  static double paidRateBps(List<Reading> rs) {
    List<double[]> steps = new ArrayList<>();
    for (int i = 1; i < rs.size(); i++) {
      Reading before = rs.get(i - 1);
      if (rs.get(i).bytes() != before.bytes()) {
        steps.add(new double[] {(before.nanos() + rs.get(i).nanos()) / 2e9, before.bytes()});
      }
    }
    if (steps.size() < 3) {
      throw new IllegalStateException("expected the class counter to move at least 3 times, got " + steps.size()
          + " in " + rs.size() + " readings");
    }
    double t0 = steps.get(0)[0];
    double b0 = steps.get(0)[1];
    double mt = steps.stream().mapToDouble(p -> p[0] - t0).average().orElseThrow();
    double mb = steps.stream().mapToDouble(p -> p[1] - b0).average().orElseThrow();
    double cov = 0;
    double var = 0;
    for (double[] p : steps) {
      cov += (p[0] - t0 - mt) * (p[1] - b0 - mb);
      var += (p[0] - t0 - mt) * (p[0] - t0 - mt);
    }
    return cov / var * 8;
  }

  Reading read() {
    long start = System.nanoTime();
    String out = lab.inA("tc", "-s", "class", "show", "dev", dev, "classid", classId).stdout();
    // The kernel's counter was read somewhere while the command ran (tens of ms on a busy machine):
    // the midpoint halves the worst error on the measured interval.
    long now = start + (System.nanoTime() - start) / 2;
    Matcher m = SENT.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("expected 'Sent N bytes' for class " + classId + ", got: " + out);
    }
    return new Reading(Long.parseLong(m.group(1)), now);
  }
}
