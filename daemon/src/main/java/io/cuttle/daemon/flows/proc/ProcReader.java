package io.cuttle.daemon.flows.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one process's facts from a proc file system ({@code /proc}, or a copy of its layout in
 * tests). Every method returns empty when the process is gone or unreadable: it never throws.
 * {@link #info} reads the start time before and after the other files and gives nothing if it
 * changed, so a PID reused mid-read never lends its new owner's identity to the old one.
 */
public final class ProcReader {
  private static final Pattern UNIT = Pattern.compile("([^/]+\\.(?:service|scope))(?:/|$)");
  private final Path root;
  private final UserNames users;

  public ProcReader(Path root, UserNames users) {
    this.root = Objects.requireNonNull(root, "root");
    this.users = Objects.requireNonNull(users, "users");
  }

  public Path root() {
    return root;
  }

  /** The process's start time in clock ticks since boot; empty if it does not exist. */
  public OptionalLong startTime(int pid) {
    try {
      String stat = Files.readString(root.resolve(Integer.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
      int close = stat.lastIndexOf(')');
      if (close < 0) {
        return OptionalLong.empty();
      }
      String[] f = stat.substring(close + 2).split(" ");
      return f.length > 19 ? OptionalLong.of(Long.parseLong(f[19])) : OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** The process's identity now, if it exists. */
  public Optional<ProcessId> id(int pid) {
    OptionalLong t = startTime(pid);
    return t.isPresent() ? Optional.of(new ProcessId(pid, t.getAsLong())) : Optional.empty();
  }

  /** The executable's path now, if readable. */
  public Optional<String> exe(int pid) {
    try {
      return Optional.of(Files.readSymbolicLink(root.resolve(Integer.toString(pid)).resolve("exe")).toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Hands every socket inode among the process's open files to {@code sink}; false if unreadable. */
  public boolean socketInodes(int pid, LongConsumer sink) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(root.resolve(Integer.toString(pid)).resolve("fd"))) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
          continue; // closed meanwhile
        }
        if (target.startsWith("socket:[") && target.endsWith("]")) {
          try {
            sink.accept(Long.parseLong(target, 8, target.length() - 1, 10));
          } catch (NumberFormatException e) {
            // Not a socket link after all.
          }
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Everything about process {@code id}, or empty if it ended or its PID now names another process. */
  public Optional<ProcessInfo> info(ProcessId id) {
    Path dir = root.resolve(Integer.toString(id.pid()));
    try {
      if (startTime(id.pid()).orElse(-1) != id.startTime()) {
        return Optional.empty();
      }
      String exe = Files.readSymbolicLink(dir.resolve("exe")).toString();
      List<String> cmdline = cmdline(Files.readAllBytes(dir.resolve("cmdline")));
      int uid = uid(Files.readString(dir.resolve("status"), StandardCharsets.ISO_8859_1));
      String cgroup = cgroup(Files.readString(dir.resolve("cgroup"), StandardCharsets.ISO_8859_1));
      if (uid < 0 || startTime(id.pid()).orElse(-1) != id.startTime()) {
        return Optional.empty();
      }
      return Optional.of(new ProcessInfo(id, exe, cmdline, uid, users.name(uid), cgroup, unit(cgroup)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static List<String> cmdline(byte[] raw) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == 0) {
        out.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < raw.length) {
      out.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
    }
    return out;
  }

  static int uid(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("Uid:")) {
        String[] f = line.substring(4).trim().split("\\s+");
        return Integer.parseInt(f[0]);
      }
    }
    return -1;
  }

  /** The cgroup v2 path ({@code 0::/...}); on a hybrid host whose v2 path is "/", the systemd v1 one. */
  static String cgroup(String text) {
    String v2 = null;
    String systemd = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("0::")) {
        v2 = line.substring(3);
      } else if (line.contains(":name=systemd:")) {
        systemd = line.substring(line.indexOf(":name=systemd:") + 14);
      }
    }
    if (v2 != null && !v2.equals("/")) {
      return v2;
    }
    return systemd != null ? systemd : v2 != null ? v2 : "/";
  }

  static Optional<String> unit(String cgroup) {
    Matcher m = UNIT.matcher(cgroup);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return Optional.ofNullable(last);
  }
}
