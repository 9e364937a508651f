package io.cuttle.enforce.exec;

import java.util.List;

/** One finished command: its argv, exit code and captured output. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {
  public CommandResult {
    argv = List.copyOf(argv);
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /** "cmd: exit N: first stderr line" for outcome details. */
  public String describe() {
    String err = stderr.strip();
    return String.join(" ", argv.subList(0, Math.min(argv.size(), 3))) + ": expected exit 0, got " + exitCode
        + (err.isEmpty() ? "" : ": " + err.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(""));
  }
}
