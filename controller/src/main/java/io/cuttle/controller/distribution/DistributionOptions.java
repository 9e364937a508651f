package io.cuttle.controller.distribution;

import java.time.Duration;
import java.util.Objects;

/**
 * How state is streamed to subscribers.
 *
 * @param subscriberBuffer deltas queued for one subscriber before it is switched to a snapshot
 * @param maxBatch         deltas coalesced into one message at most
 * @param heartbeat        a subscriber that was sent nothing for this long gets a heartbeat
 */
public record DistributionOptions(int subscriberBuffer, int maxBatch, Duration heartbeat) {
  public static final DistributionOptions DEFAULTS = new DistributionOptions(1024, 256, Duration.ofSeconds(5));

  public DistributionOptions {
    if (subscriberBuffer < 1) {
      throw new IllegalArgumentException("subscriber buffer must be at least 1, got " + subscriberBuffer);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
    }
    Objects.requireNonNull(heartbeat, "heartbeat");
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat must be positive, got " + heartbeat);
    }
  }
}
