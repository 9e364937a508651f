package io.cuttle.controller.annotation;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every configured agent once per round, up to {@code parallelism} agents at a time (a
 * silent agent costs its timeout, not the whole round's), and keeps a {@link RateTracker} per
 * agent. A failed poll leaves that agent's baselines alone, so the next good poll measures across
 * the gap. The last outcome of each agent is kept for status pages; failures are logged when an
 * agent's state changes, not every round. Not thread-safe: one round at a time.
 */
public final class SnmpLoadPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SnmpLoadPoller.class);

  private final List<SnmpAgent> agents;
  private final CounterSource source;
  private final Map<SnmpAgent, RateTracker> trackers = new HashMap<>();
  private final Map<SnmpAgent, PollOutcome> lastOutcome = new LinkedHashMap<>();
  private final ExecutorService pool;

  /** Polls one agent at a time. */
  public SnmpLoadPoller(List<SnmpAgent> agents, CounterSource source) {
    this(agents, source, 1);
  }

  /** Polls up to {@code parallelism} agents at a time on threads of its own. */
  public SnmpLoadPoller(List<SnmpAgent> agents, CounterSource source, int parallelism) {
    this.agents = List.copyOf(agents);
    this.source = Objects.requireNonNull(source, "source");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    int threads = Math.min(parallelism, Math.max(1, this.agents.size()));
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "cuttle-snmp-poll");
      t.setDaemon(true);
      return t;
    });
  }

  /** One round: the rate of every interface of every agent that answered, keyed by address. */
  public Map<InetAddress, InterfaceRate> poll() {
    List<PollOutcome> outcomes = pollAll();
    Map<InetAddress, InterfaceRate> rates = new LinkedHashMap<>();
    for (int i = 0; i < agents.size(); i++) {
      SnmpAgent agent = agents.get(i);
      PollOutcome outcome = outcomes.get(i);
      PollOutcome previous = lastOutcome.put(agent, outcome);
      switch (outcome) {
        case PollOutcome.Sampled s -> {
          if (previous instanceof PollOutcome.Failed) {
            log.info("SNMP agent {} answers again", agent);
          }
          for (InterfaceRate r : trackers.computeIfAbsent(agent, a -> new RateTracker()).update(s.sample())) {
            rates.put(r.address(), r);
          }
        }
        case PollOutcome.Failed f -> {
          if (!(previous instanceof PollOutcome.Failed p) || p.reason() != f.reason()) {
            log.warn("SNMP agent {}: {} ({})", agent, f.reason(), f.detail());
          }
        }
      }
    }
    return rates;
  }

  private List<PollOutcome> pollAll() {
    List<PollOutcome> out = new ArrayList<>(agents.size());
    if (pool == null) {
      agents.forEach(a -> out.add(source.poll(a)));
      return out;
    }
    List<Future<PollOutcome>> futures = new ArrayList<>(agents.size());
    agents.forEach(a -> futures.add(pool.submit(() -> source.poll(a))));
    for (int i = 0; i < futures.size(); i++) {
      try {
        out.add(futures.get(i).get());
      } catch (ExecutionException e) {
        out.add(new PollOutcome.Failed(PollOutcome.Reason.IO, agents.get(i) + ": " + e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.add(new PollOutcome.Failed(PollOutcome.Reason.IO, agents.get(i) + ": interrupted"));
      }
    }
    return out;
  }

  /** The outcome of each agent's latest poll, in configuration order. */
  public Map<SnmpAgent, PollOutcome> lastOutcomes() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(lastOutcome));
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    source.close();
  }
}
