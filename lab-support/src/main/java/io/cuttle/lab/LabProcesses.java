package io.cuttle.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Processes started in the lab's network namespaces with {@code nsenter} (which execs the command: the
 * process's PID is the command's), kept so that {@link #close} stops every one of them and their
 * descendants, whatever state a failed run left.
 */
public final class LabProcesses implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();

  /**
   * Starts {@code argv} in the named namespace; {@code quiet} discards its output, else the caller
   * reads it from the process.
   *
   * @throws UncheckedIOException when the process cannot be started
   */
  public synchronized Process start(String netns, boolean quiet, String... argv) {
    List<String> full = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + netns));
    full.addAll(List.of(argv));
    ProcessBuilder pb = new ProcessBuilder(full);
    if (quiet) {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    try {
      Process p = pb.start();
      processes.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("expected to start " + full + ", got " + e, e);
    }
  }

  /** Kills every process started here and its descendants, and waits up to 5 s for each. */
  @Override
  public synchronized void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }
}
