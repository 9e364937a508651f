package io.cuttle.bench;

import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A command runner that times what it runs, per command ("nft -f", "tc class", ...). */
final class TimingRunner implements CommandRunner {
  private final CommandRunner inner;
  private final Map<String, long[]> byCommand = new TreeMap<>();

  TimingRunner(CommandRunner inner) {
    this.inner = inner;
  }

  @Override
  public synchronized CommandResult run(List<String> argv, String stdin) {
    long t = System.nanoTime();
    CommandResult r = inner.run(argv, stdin);
    long[] v = byCommand.computeIfAbsent(String.join(" ", argv.subList(0, Math.min(2, argv.size()))), k -> new long[2]);
    v[0]++;
    v[1] += System.nanoTime() - t;
    return r;
  }

  synchronized void reset() {
    byCommand.clear();
  }

  synchronized long count() {
    return byCommand.values().stream().mapToLong(v -> v[0]).sum();
  }

  synchronized double totalMs() {
    return byCommand.values().stream().mapToLong(v -> v[1]).sum() / 1e6;
  }

  synchronized String breakdown(int rounds) {
    return byCommand.entrySet().stream().map(e -> String.format("%s: %.1fx %.1f ms", e.getKey(),
        e.getValue()[0] / (double) rounds, e.getValue()[1] / 1e6 / rounds)).collect(Collectors.joining(", "));
  }
}
