package io.cuttle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** CPU time and memory of this process, read from the JVM and /proc. */
final class ProcessStats {
  private ProcessStats() {}

  static Duration cpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** User and system CPU seconds of this process so far, from /proc/self/stat (utime, stime). */
  static double[] userSystemSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      double hz = 100.0; // USER_HZ on Linux
      return new double[] {Long.parseLong(f[11]) / hz, Long.parseLong(f[12]) / hz};
    } catch (IOException | RuntimeException e) {
      return new double[] {-1, -1};
    }
  }

  /** A field of /proc/self/status in MiB (VmRSS = resident now, VmHWM = peak resident). */
  static double statusMiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
