package io.cuttle.controller.annotation;

import java.net.InetAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every configured agent once per round and keeps a {@link RateTracker} per agent. A failed
 * poll leaves that agent's baselines alone, so the next good poll measures across the gap. The
 * last outcome of each agent is kept for status pages; failures are logged when an agent's state
 * changes, not every round. Not thread-safe: one round at a time.
 */
public final class SnmpLoadPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SnmpLoadPoller.class);

  private final List<SnmpAgent> agents;
  private final CounterSource source;
  private final Map<SnmpAgent, RateTracker> trackers = new HashMap<>();
  private final Map<SnmpAgent, PollOutcome> lastOutcome = new LinkedHashMap<>();

  public SnmpLoadPoller(List<SnmpAgent> agents, CounterSource source) {
    this.agents = List.copyOf(agents);
    this.source = Objects.requireNonNull(source, "source");
  }

  /** One round: the rate of every interface of every agent that answered, keyed by address. */
  public Map<InetAddress, InterfaceRate> poll() {
    Map<InetAddress, InterfaceRate> rates = new LinkedHashMap<>();
    for (SnmpAgent agent : agents) {
      PollOutcome outcome = source.poll(agent);
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

  /** The outcome of each agent's latest poll, in configuration order. */
  public Map<SnmpAgent, PollOutcome> lastOutcomes() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(lastOutcome));
  }

  @Override
  public void close() {
    source.close();
  }
}
