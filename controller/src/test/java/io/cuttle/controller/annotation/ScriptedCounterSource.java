package io.cuttle.controller.annotation;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agents whose interfaces carry the byte rates a test sets: counters grow by rate times the
 * time on the injected clock since the previous poll. An agent can be made to time out.
 */
final class ScriptedCounterSource implements CounterSource {
  private record Iface(int ifIndex, long inPerSecond, long outPerSecond) {}

  private final Clock clock;
  private final Instant boot;
  private final Map<InetAddress, Map<InetAddress, Iface>> agents = new ConcurrentHashMap<>();
  private final Map<InetAddress, long[]> counters = new ConcurrentHashMap<>();
  private final Map<InetAddress, Instant> lastPoll = new ConcurrentHashMap<>();
  private final Map<InetAddress, Boolean> down = new ConcurrentHashMap<>();

  ScriptedCounterSource(Clock clock) {
    this.clock = clock;
    this.boot = clock.instant();
  }

  /** Sets the bytes per second an interface of {@code agent} receives and sends. */
  void set(InetAddress agent, String address, int ifIndex, long inBytesPerSecond, long outBytesPerSecond) {
    agents.computeIfAbsent(agent, a -> new LinkedHashMap<>())
        .put(LabTopology.ip(address), new Iface(ifIndex, inBytesPerSecond, outBytesPerSecond));
  }

  void down(InetAddress agent, boolean isDown) {
    down.put(agent, isDown);
  }

  @Override
  public synchronized PollOutcome poll(SnmpAgent agent) {
    if (down.getOrDefault(agent.address(), false)) {
      return new PollOutcome.Failed(PollOutcome.Reason.TIMEOUT, agent + ": scripted timeout");
    }
    Instant now = clock.instant();
    Instant last = lastPoll.getOrDefault(agent.address(), now);
    lastPoll.put(agent.address(), now);
    double seconds = Duration.between(last, now).toNanos() / 1e9;
    Map<InetAddress, InterfaceCounters> out = new HashMap<>();
    agents.getOrDefault(agent.address(), Map.of()).forEach((address, i) -> {
      long[] c = counters.computeIfAbsent(address, a -> new long[2]);
      c[0] += Math.round(i.inPerSecond() * seconds);
      c[1] += Math.round(i.outPerSecond() * seconds);
      out.put(address, new InterfaceCounters(i.ifIndex(), c[0], c[1], OptionalLong.of(1_000_000_000L)));
    });
    long upTime = Duration.between(boot, now).toMillis() / 10;
    return new PollOutcome.Sampled(new AgentSample(now, upTime, out));
  }

  @Override
  public void close() {}
}
