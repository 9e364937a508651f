package io.cuttle.daemon.flows.accounting;

import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Cumulative totals per name sampled at every tick, kept for the longest window, so that the
 * average rate over any window up to it is a difference of two samples. Not thread-safe.
 */
public final class RateHistory {
  private record Sample(Instant at, Map<String, Traffic> totals) {}

  private final Duration keep;
  private final Deque<Sample> samples = new ArrayDeque<>();

  public RateHistory(Duration longestWindow) {
    this.keep = longestWindow;
  }

  public void record(Instant now, Map<String, Traffic> totals) {
    samples.addLast(new Sample(now, Map.copyOf(totals)));
    // Keep one sample at or before now - keep, so the longest window always has a start.
    while (samples.size() > 2) {
      Iterator<Sample> it = samples.iterator();
      it.next();
      Sample second = it.next();
      if (Duration.between(second.at(), now).compareTo(keep) >= 0) {
        samples.removeFirst();
      } else {
        break;
      }
    }
  }

  /** The average rate of {@code name} over {@code window} ending at the latest sample. */
  public Rate rate(String name, Duration window) {
    if (samples.size() < 2) {
      return Rate.ZERO;
    }
    Sample last = samples.peekLast();
    Instant from = last.at().minus(window);
    Sample start = samples.peekFirst();
    for (Sample s : samples) {
      if (!s.at().isAfter(from)) {
        start = s;
      } else {
        break;
      }
    }
    double seconds = Duration.between(start.at(), last.at()).toNanos() / 1e9;
    if (seconds <= 0) {
      return Rate.ZERO;
    }
    Traffic a = start.totals().getOrDefault(name, Traffic.ZERO);
    Traffic b = last.totals().getOrDefault(name, Traffic.ZERO);
    return new Rate(Math.max(0, b.bytesUp() - a.bytesUp()) * 8 / seconds,
        Math.max(0, b.bytesDown() - a.bytesDown()) * 8 / seconds);
  }

  /** Sums totals by a key derived from each entry (e.g. per app, per user). */
  public static <K> Map<String, Traffic> sum(Map<K, Traffic> totals, java.util.function.Function<K, String> name) {
    Map<String, Traffic> out = new HashMap<>();
    totals.forEach((k, t) -> out.merge(name.apply(k), t, Traffic::plus));
    return out;
  }
}
