package io.cuttle.enforce.linux;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bytes an HTB class has sent ({@code tc -s class show}): what left the interface through
 * the class, Ethernet/IP/TCP headers of every segment included, i.e. on-wire bytes.
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
