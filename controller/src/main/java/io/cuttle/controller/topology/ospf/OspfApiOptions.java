package io.cuttle.controller.topology.ospf;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the live provider talks to ospfd.
 *
 * @param api              ospfd's OSPF API address (port 2607)
 * @param requestTimeout   how long to wait for a connection or a reply
 * @param minBackoff       first wait before reconnecting; doubles per failure up to {@code maxBackoff}
 * @param maxBackoff       longest wait between attempts
 * @param replacementGrace how long a deletion waits for the update that replaces it (ospfd
 *                         announces a replaced LSA as delete + update) before it is delivered
 * @param settleTimeout    how long after the database dump to wait for the listener's adjacencies
 *                         to finish exchanging databases (a freshly restarted ospfd knows little)
 *                         before delivering the graph anyway
 */
public record OspfApiOptions(InetSocketAddress api, Duration requestTimeout, Duration minBackoff,
    Duration maxBackoff, Duration replacementGrace, Duration settleTimeout) {
  public static final int DEFAULT_PORT = 2607;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REPLACEMENT_GRACE = Duration.ofMillis(20);
  public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofSeconds(60);

  public OspfApiOptions {
    Objects.requireNonNull(api, "api");
    requirePositive(requestTimeout, "request timeout");
    requirePositive(minBackoff, "minimum backoff");
    requirePositive(maxBackoff, "maximum backoff");
    requirePositive(replacementGrace, "replacement grace");
    requirePositive(settleTimeout, "settle timeout");
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("maximum backoff must be at least the minimum " + minBackoff + ", got "
          + maxBackoff);
    }
  }

  public static OspfApiOptions defaults(InetSocketAddress api) {
    return new OspfApiOptions(api, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF,
        DEFAULT_REPLACEMENT_GRACE, DEFAULT_SETTLE_TIMEOUT);
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
