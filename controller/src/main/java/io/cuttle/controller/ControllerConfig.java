package io.cuttle.controller;

import static io.cuttle.common.config.ConfigNode.formatDuration;

import io.cuttle.common.config.HostPort;
import io.cuttle.controller.annotation.AnnotationSettings;
import io.cuttle.controller.status.StatusOptions;
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
 * @param annotationSpread 0 to commit a provider's annotations with its topology; otherwise how long a
 *                         round of annotations may take to go out (it is sent in chunks)
 * @param annotations      link annotations and sites laid over the topology; empty when not configured
 * @param status           where host status reports are kept and when a host counts as stale
 */
public record ControllerConfig(
    HostPort listen,
    Optional<HostPort> metricsListen,
    TopologySource topology,
    int history,
    int subscriberBuffer,
    Duration heartbeat,
    OptionalLong lineageId,
    Duration linger,
    Duration annotationSpread,
    Optional<AnnotationSettings> annotations,
    StatusOptions status) {

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
  /** How often the annotation pacer commits a chunk. */
  public static final Duration ANNOTATION_TICK = Duration.ofMillis(100);
  /** Spread of an annotation round; measured in BENCHMARKS.md (10,000 links to 10,000 streams). */
  public static final Duration DEFAULT_ANNOTATION_SPREAD = Duration.ofSeconds(10);
  public static final Duration MAX_ANNOTATION_SPREAD = Duration.ofMinutes(5);

  public ControllerConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(metricsListen, "metricsListen");
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(lineageId, "lineageId");
    Objects.requireNonNull(linger, "linger");
    Objects.requireNonNull(annotations, "annotations");
    Objects.requireNonNull(status, "status");
    requireArgument(!linger.isNegative() && linger.compareTo(MAX_LINGER) <= 0,
        "linger must be 0.." + formatDuration(MAX_LINGER) + ", got " + formatDuration(linger));
    Objects.requireNonNull(annotationSpread, "annotationSpread");
    requireArgument(annotationSpread.isZero() || (annotationSpread.compareTo(ANNOTATION_TICK) >= 0
            && annotationSpread.compareTo(MAX_ANNOTATION_SPREAD) <= 0),
        "annotation spread must be 0 or " + formatDuration(ANNOTATION_TICK) + ".." + formatDuration(MAX_ANNOTATION_SPREAD)
            + ", got " + formatDuration(annotationSpread));
    requireArgument(history >= MIN_HISTORY && history <= MAX_QUEUE,
        "history must be " + MIN_HISTORY + ".." + MAX_QUEUE + ", got " + history);
    requireArgument(subscriberBuffer >= MIN_SUBSCRIBER_BUFFER && subscriberBuffer <= MAX_QUEUE,
        "subscriber buffer must be " + MIN_SUBSCRIBER_BUFFER + ".." + MAX_QUEUE + ", got " + subscriberBuffer);
    requireArgument(heartbeat.compareTo(MIN_HEARTBEAT) >= 0,
        "heartbeat must be at least " + formatDuration(MIN_HEARTBEAT) + ", got " + formatDuration(heartbeat));
    requireArgument(lineageId.isEmpty() || lineageId.getAsLong() != 0, "lineage id must not be 0");
  }

  /**
   * A configuration without an {@code annotations} section, with the default annotation spread and
   * host statuses kept in memory only ({@link StatusOptions#inMemory()}).
   */
  public ControllerConfig(HostPort listen, Optional<HostPort> metricsListen, TopologySource topology, int history,
      int subscriberBuffer, Duration heartbeat, OptionalLong lineageId, Duration linger) {
    this(listen, metricsListen, topology, history, subscriberBuffer, heartbeat, lineageId, linger,
        DEFAULT_ANNOTATION_SPREAD, Optional.empty(), StatusOptions.inMemory());
  }

  /** The configuration of an empty {@code controller.yaml}. */
  public static ControllerConfig defaults() {
    return new ControllerConfig(DEFAULT_LISTEN, Optional.of(DEFAULT_METRICS_LISTEN),
        new TopologySource.Example(), DEFAULT_HISTORY, DEFAULT_SUBSCRIBER_BUFFER, DEFAULT_HEARTBEAT,
        OptionalLong.empty(), DEFAULT_LINGER, DEFAULT_ANNOTATION_SPREAD, Optional.empty(), StatusOptions.defaults());
  }

  /** This configuration with other status settings. */
  public ControllerConfig withStatus(StatusOptions s) {
    return new ControllerConfig(listen, metricsListen, topology, history, subscriberBuffer, heartbeat, lineageId,
        linger, annotationSpread, annotations, s);
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
