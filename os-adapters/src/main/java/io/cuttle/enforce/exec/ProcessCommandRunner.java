package io.cuttle.enforce.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as child processes, optionally inside a network namespace through
 * {@code nsenter --net=...} (which, unlike {@code ip netns exec}, keeps cgroupfs visible).
 */
public final class ProcessCommandRunner implements CommandRunner {
  private static final long TIMEOUT_SECONDS = 30;
  private final List<String> prefix;

  private ProcessCommandRunner(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
  }

  /** Runs in the caller's namespaces. */
  public static ProcessCommandRunner local() {
    return new ProcessCommandRunner(List.of());
  }

  /** Runs inside {@code netns}: a name under /run/netns, or an absolute path to a netns file. */
  public static ProcessCommandRunner inNetns(Optional<String> netns) {
    return netns.map(ns -> new ProcessCommandRunner(
        List.of("nsenter", "--net=" + (ns.startsWith("/") ? ns : "/run/netns/" + ns)))).orElseGet(ProcessCommandRunner::local);
  }

  @Override
  public CommandResult run(List<String> argv, String stdin) {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(argv);
    try {
      Process p = new ProcessBuilder(full).start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the command closed its stdin early; its exit code tells the rest
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new CommandResult(argv, -1, "", "expected to finish within " + TIMEOUT_SECONDS + " s, got no exit");
      }
      return new CommandResult(argv, p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      return new CommandResult(argv, -1, "", "could not start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CommandResult(argv, -1, "", "interrupted");
    }
  }

  private static String drain(InputStream s) {
    try (s) {
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
