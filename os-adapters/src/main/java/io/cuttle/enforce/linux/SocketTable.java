package io.cuttle.enforce.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sockets a set of processes holds: socket inodes from {@code /proc/PID/fd} matched against
 * {@code /proc/PID/net/{tcp,tcp6,udp,udp6}} (which list the sockets of that process's network
 * namespace). Processes that vanish while being read are skipped.
 */
final class SocketTable {
  private static final String[] TABLES = {"tcp", "tcp6", "udp", "udp6"};

  private SocketTable() {
  }

  static Set<Connection> of(Iterable<Long> pids) {
    Set<Connection> out = new LinkedHashSet<>();
    for (long pid : pids) {
      Set<Long> inodes = socketInodes(pid);
      if (inodes.isEmpty()) {
        continue;
      }
      for (String t : TABLES) {
        try {
          List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", t));
          for (int i = 1; i < lines.size(); i++) {
            parseLine(lines.get(i), t.startsWith("tcp")).filter(e -> inodes.contains(e.inode()))
                .ifPresent(e -> out.add(e.connection()));
          }
        } catch (IOException e) {
          // process gone or table absent (no IPv6): nothing to add
        }
      }
    }
    return out;
  }

  /** One parsed row: its socket inode and endpoints. */
  record Entry(long inode, Connection connection) {
  }

  /** Parses a row of /proc/net/tcp-style tables; empty for a row that is not one. */
  static Optional<Entry> parseLine(String line, boolean tcp) {
    String[] f = line.strip().split("\\s+");
    if (f.length < 10) {
      return Optional.empty();
    }
    try {
      String[] l = f[1].split(":");
      String[] r = f[2].split(":");
      Connection c = new Connection(tcp, address(l[0]), Integer.parseInt(l[1], 16), address(r[0]),
          Integer.parseInt(r[1], 16));
      return Optional.of(new Entry(Long.parseLong(f[9]), c));
    } catch (RuntimeException | UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Kernel hex addresses are 32-bit words in host byte order. */
  static InetAddress address(String hex) throws UnknownHostException {
    byte[] b = new byte[hex.length() / 2];
    for (int w = 0; w < b.length / 4; w++) {
      for (int i = 0; i < 4; i++) {
        int idx = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 3 - i : i;
        int pos = w * 8 + idx * 2;
        b[w * 4 + i] = (byte) Integer.parseInt(hex.substring(pos, pos + 2), 16);
      }
    }
    return InetAddress.getByAddress(b);
  }

  private static Set<Long> socketInodes(long pid) {
    Set<Long> out = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            out.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (IOException | NumberFormatException e) {
          // fd closed meanwhile
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  static List<Connection> connected(Set<Connection> all) {
    List<Connection> out = new ArrayList<>();
    for (Connection c : all) {
      if (c.connected()) {
        out.add(c);
      }
    }
    return out;
  }
}
