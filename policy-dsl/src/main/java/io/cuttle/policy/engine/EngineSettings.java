package io.cuttle.policy.engine;

import io.cuttle.policy.sandbox.SandboxLimits;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The engine's collaborators and knobs.
 *
 * @param self       this host's address, for path queries ({@code net.pathTo}, {@code net.usesLabel})
 * @param staleness  how long since the network state was last confirmed by a controller
 * @param retryAfter how long a failed handler stays failed before it is loaded afresh; zero: never
 */
public record EngineSettings(Clock clock, RandomGenerator random, SandboxLimits limits, Optional<InetAddress> self,
    Supplier<Duration> staleness, Duration retryAfter) {
  public EngineSettings {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(staleness, "staleness");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public static EngineSettings defaults(Clock clock, RandomGenerator random) {
    return new EngineSettings(clock, random, SandboxLimits.DEFAULT, Optional.empty(), () -> Duration.ZERO,
        Duration.ofMinutes(1));
  }

  public EngineSettings withSelf(InetAddress address) {
    return new EngineSettings(clock, random, limits, Optional.of(address), staleness, retryAfter);
  }

  public EngineSettings withLimits(SandboxLimits l) {
    return new EngineSettings(clock, random, l, self, staleness, retryAfter);
  }

  public EngineSettings withStaleness(Supplier<Duration> s) {
    return new EngineSettings(clock, random, limits, self, s, retryAfter);
  }

  public EngineSettings withRetryAfter(Duration d) {
    return new EngineSettings(clock, random, limits, self, staleness, d);
  }
}
