package io.cuttle.daemon.flows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks the effective capabilities flow accounting needs, from {@code /proc/self/status}. */
final class Privileges {
  private static final int CAP_NET_ADMIN = 12;
  private static final int CAP_NET_RAW = 13;
  private static final int CAP_SYS_PTRACE = 19;

  private Privileges() {}

  /** Why this process cannot account flows, or empty if it can. */
  static Optional<String> missing(Path status) {
    long caps;
    int uid = -1;
    try {
      caps = 0;
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("CapEff:")) {
          caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        } else if (line.startsWith("Uid:")) {
          uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot read " + status + " to check privileges: " + e.getMessage());
    }
    List<String> lacking = new ArrayList<>();
    if ((caps & (1L << CAP_NET_ADMIN)) == 0) {
      lacking.add("CAP_NET_ADMIN (socket destroy events)");
    }
    if ((caps & (1L << CAP_SYS_PTRACE)) == 0) {
      lacking.add("CAP_SYS_PTRACE (other users' /proc/PID/fd)");
    }
    if (lacking.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("flow accounting needs root or CAP_NET_ADMIN, CAP_NET_RAW and CAP_SYS_PTRACE; running as uid "
        + uid + " without " + String.join(", ", lacking));
  }

  /** Why packet capture cannot run, or empty if it can. */
  static Optional<String> missingForCapture(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("CapEff:")) {
          long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
          return (caps & (1L << CAP_NET_RAW)) != 0 ? Optional.empty()
              : Optional.of("packet capture needs CAP_NET_RAW: UDP volumes and TCP sockets shorter than a tick are not "
                  + "attributed");
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot read " + status + ": " + e.getMessage());
    }
    return Optional.of("no CapEff line in " + status);
  }
}
