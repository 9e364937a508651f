package io.cuttle.enforce.exec;

import java.util.List;

/** Runs one command to completion. Never throws for a failing command: the exit code says it. */
public interface CommandRunner {
  CommandResult run(List<String> argv, String stdin);

  default CommandResult run(List<String> argv) {
    return run(argv, "");
  }
}
