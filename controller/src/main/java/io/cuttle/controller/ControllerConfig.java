package io.cuttle.controller;

import static io.cuttle.common.config.ConfigNode.formatDuration;

import io.cuttle.common.config.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The controller's settings, read from {@code controller.yaml} by {@link ControllerConfigParser}
 * (format: {@code controller/docs/controller-config.md}). Every field has a default;
 * {@link #defaults()} is the configuration of an empty file.
 *
 * @param listen           where daemons connect (gRPC)
 * @param metricsListen    where the Prometheus endpoint listens; empty when turned off
 * @param topology         where the network description comes from
 * @param history          deltas kept so a reconnecting daemon can resume instead of taking a snapshot
 * @param subscriberBuffer deltas queued for one slow subscriber before it is switched to a snapshot
 * @param heartbeat        interval of heartbeats on an idle stream
 * @param lineageId        the lineage id to use; empty means a random one at each start
 * @param linger           0 to send every delta at once; otherwise how long deltas are coalesced
 */
public record ControllerConfig(
    HostPort listen,
    Optional<HostPort> metricsListen,
    TopologySource topology,
    int history,
    int subscriberBuffer,
    Duration heartbeat,
    OptionalLong lineageId,
    Duration linger) {

  public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 7420);
  public static final HostPort DEFAULT_METRICS_LISTEN = new HostPort("127.0.0.1", 9420);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
  public static final int DEFAULT_HISTORY = 4096;
  public static final int MIN_HISTORY = 16;
  public static final int DEFAULT_SUBSCRIBER_BUFFER = 1024;
  public static final int MIN_SUBSCRIBER_BUFFER = 8;
  /** Upper bound of {@code history} and {@code subscriber-buffer}, to keep memory bounded. */
  public static final int MAX_QUEUE = 1_000_000;
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
  public static final Duration MIN_HEARTBEAT = Duration.ofMillis(100);
  public static final Duration MAX_LINGER = Duration.ofSeconds(1);
  /** Coalescing window; measured in BENCHMARKS.md (2.3x less CPU than 0 at 1,000 streams). */
  public static final Duration DEFAULT_LINGER = Duration.ofMillis(50);

  public ControllerConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(metricsListen, "metricsListen");
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(lineageId, "lineageId");
    Objects.requireNonNull(linger, "linger");
    requireArgument(!linger.isNegative() && linger.compareTo(MAX_LINGER) <= 0,
        "linger must be 0.." + formatDuration(MAX_LINGER) + ", got " + formatDuration(linger));
    requireArgument(history >= MIN_HISTORY && history <= MAX_QUEUE,
        "history must be " + MIN_HISTORY + ".." + MAX_QUEUE + ", got " + history);
    requireArgument(subscriberBuffer >= MIN_SUBSCRIBER_BUFFER && subscriberBuffer <= MAX_QUEUE,
        "subscriber buffer must be " + MIN_SUBSCRIBER_BUFFER + ".." + MAX_QUEUE + ", got " + subscriberBuffer);
    requireArgument(heartbeat.compareTo(MIN_HEARTBEAT) >= 0,
        "heartbeat must be at least " + formatDuration(MIN_HEARTBEAT) + ", got " + formatDuration(heartbeat));
    requireArgument(lineageId.isEmpty() || lineageId.getAsLong() != 0, "lineage id must not be 0");
  }

  /** The configuration of an empty {@code controller.yaml}. */
  public static ControllerConfig defaults() {
    return new ControllerConfig(DEFAULT_LISTEN, Optional.of(DEFAULT_METRICS_LISTEN),
        new TopologySource.Example(), DEFAULT_HISTORY, DEFAULT_SUBSCRIBER_BUFFER, DEFAULT_HEARTBEAT,
        OptionalLong.empty(), DEFAULT_LINGER);
  }

  /** Where the controller's network description comes from. */
  public sealed interface TopologySource {
    /** The example topology embedded in the controller. */
    record Example() implements TopologySource {}

    /** A topology file, polled for changes every {@code pollInterval}. */
    record FromFile(Path path, Duration pollInterval) implements TopologySource {
      public FromFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pollInterval, "pollInterval");
        requireArgument(pollInterval.compareTo(MIN_POLL_INTERVAL) >= 0,
            "poll interval must be at least " + formatDuration(MIN_POLL_INTERVAL) + ", got "
                + formatDuration(pollInterval));
      }
    }

    /**
     * Live OSPF: follow an FRR ospfd's link-state database through its OSPF API.
     *
     * @param record where to append every LSA event (for replay), if anywhere
     */
    record Ospf(HostPort api, Optional<Path> record) implements TopologySource {
      public Ospf {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(record, "record");
      }
    }

    /** A snapshot of an LSDB as FRR's vtysh prints it in JSON, read once. */
    record OspfSnapshot(Path path) implements TopologySource {
      public OspfSnapshot {
        Objects.requireNonNull(path, "path");
      }
    }

    /** A recording of LSA events, played back at {@code speed} (infinite: as fast as possible). */
    record OspfReplay(Path path, double speed) implements TopologySource {
      public OspfReplay {
        Objects.requireNonNull(path, "path");
        requireArgument(speed > 0, "replay speed must be positive, got " + speed);
      }
    }
  }

  private static void requireArgument(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
