package io.cuttle.controller.distribution;

import java.time.Duration;
import java.util.Objects;

/**
 * How state is streamed to subscribers.
 *
 * @param subscriberBuffer how many deltas a subscriber may fall behind before it is switched to a
 *                         snapshot (the shared delta log holds this many)
 * @param maxBatch         deltas coalesced into one message at most
 * @param heartbeat        a subscriber that was sent nothing for this long gets a heartbeat
 * @param snapshotsInFlight snapshots being written at once; further subscribers wait their turn
 * @param linger           zero to send each delta as soon as it is committed; otherwise deltas are
 *                         coalesced and flushed every {@code linger} (fewer, larger messages)
 */
public record DistributionOptions(int subscriberBuffer, int maxBatch, Duration heartbeat, int snapshotsInFlight,
    Duration linger) {
  public static final int DEFAULT_SNAPSHOTS_IN_FLIGHT = 64;
  public static final DistributionOptions DEFAULTS =
      new DistributionOptions(1024, 256, Duration.ofSeconds(5), DEFAULT_SNAPSHOTS_IN_FLIGHT, Duration.ZERO);

  public DistributionOptions(int subscriberBuffer, int maxBatch, Duration heartbeat) {
    this(subscriberBuffer, maxBatch, heartbeat, DEFAULT_SNAPSHOTS_IN_FLIGHT, Duration.ZERO);
  }

  public DistributionOptions {
    if (subscriberBuffer < 1) {
      throw new IllegalArgumentException("subscriber buffer must be at least 1, got " + subscriberBuffer);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
    }
    if (snapshotsInFlight < 1) {
      throw new IllegalArgumentException("snapshots in flight must be at least 1, got " + snapshotsInFlight);
    }
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(linger, "linger");
    if (linger.isNegative()) {
      throw new IllegalArgumentException("linger must not be negative, got " + linger);
    }
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat must be positive, got " + heartbeat);
    }
  }
}
