package io.cuttle.daemon.report;

import io.cuttle.daemon.subscription.ControllerClient;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.ReportAck;
import io.grpc.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@code HostReport} to the current controller every interval (the first one interval
 * after {@link #start()}). A report is a unary call with a deadline of the interval or 10
 * seconds, whichever is shorter; a failure is logged and kept in {@link #lastError()} until a
 * report gets through, so the next report can carry it.
 */
public final class StatusReporter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);
  private static final Duration MAX_DEADLINE = Duration.ofSeconds(10);

  private final ControllerClient client;
  private final Supplier<HostReport> reports;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;
  private final Consumer<HostReport> acknowledged;
  private ScheduledFuture<?> task; // guarded by this
  private volatile String lastError;
  private volatile long controllerVersion = -1;

  public StatusReporter(ControllerClient client, Supplier<HostReport> reports, Duration interval,
      ScheduledExecutorService scheduler) {
    this(client, reports, interval, scheduler, r -> { });
  }

  /** @param acknowledged hears each report a controller acknowledged */
  public StatusReporter(ControllerClient client, Supplier<HostReport> reports, Duration interval,
      ScheduledExecutorService scheduler, Consumer<HostReport> acknowledged) {
    this.acknowledged = Objects.requireNonNull(acknowledged, "acknowledged");
    this.client = Objects.requireNonNull(client, "client");
    this.reports = Objects.requireNonNull(reports, "reports");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  public synchronized void start() {
    if (task != null) {
      throw new IllegalStateException("reporter already started");
    }
    long nanos = interval.toNanos();
    task = scheduler.scheduleWithFixedDelay(this::sendQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** Sends one report now; the future completes with the controller's acknowledgement. */
  public CompletableFuture<ReportAck> sendNow() {
    HostReport report = reports.get();
    Duration deadline = interval.compareTo(MAX_DEADLINE) < 0 ? interval : MAX_DEADLINE;
    var target = client.current();
    return client.report(report, deadline).whenComplete((ack, err) -> {
      if (err == null) {
        lastError = null;
        controllerVersion = ack.getVersion();
        acknowledged.accept(report);
        if (ack.getVersion() > report.getVersion()) {
          log.debug("controller {} is at version {}, this host at {}", target, ack.getVersion(), report.getVersion());
        }
      } else {
        Status s = Status.fromThrowable(err);
        lastError = "report to controller " + target + " failed: " + s.getCode()
            + (s.getDescription() != null ? ": " + s.getDescription() : "");
        log.warn("{}", lastError);
      }
    });
  }

  private void sendQuietly() {
    try {
      sendNow();
    } catch (RuntimeException e) {
      lastError = "cannot send report: " + e;
      log.warn("{}", lastError, e);
    }
  }

  /** Why the last report failed, until one succeeds. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** The version the controller said it holds in its last acknowledgement; -1 before any. */
  public long controllerVersion() {
    return controllerVersion;
  }

  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
