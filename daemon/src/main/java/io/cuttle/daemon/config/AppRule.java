package io.cuttle.daemon.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One application of the {@code flows.apps} list: an executable (a path or a glob such as
 * {@code /usr/bin/python3*}), optionally narrowed by a command-line pattern, a systemd unit and a
 * user, and the class handlers see it as (e.g. {@code low-priority}, {@code bulk},
 * {@code interactive}, {@code critical}). At least one of exe and unit is given.
 */
public record AppRule(String name, Optional<String> exe, Optional<Pattern> cmdline, Optional<String> unit,
    Optional<String> user, String appClass) {
  public AppRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(exe, "exe");
    Objects.requireNonNull(cmdline, "cmdline");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(appClass, "appClass");
    if (exe.isEmpty() && unit.isEmpty()) {
      throw new IllegalArgumentException("app " + name + ": expected an exe or a unit, got neither");
    }
  }

  /** Whether a process with these facts is this application. */
  public boolean matches(String exePath, String commandLine, Optional<String> processUnit, String userName) {
    if (exe.isPresent() && !exeMatcher().matches(Path.of(exePath))) {
      return false;
    }
    if (cmdline.isPresent() && !cmdline.get().matcher(commandLine).find()) {
      return false;
    }
    if (unit.isPresent() && !unit.equals(processUnit)) {
      return false;
    }
    return user.isEmpty() || user.get().equals(userName);
  }

  private PathMatcher exeMatcher() {
    String e = exe.orElseThrow();
    return e.contains("*") || e.contains("?") || e.contains("[") || e.contains("{")
        ? FileSystems.getDefault().getPathMatcher("glob:" + e)
        : p -> p.toString().equals(e);
  }
}
