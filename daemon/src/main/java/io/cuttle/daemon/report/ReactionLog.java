package io.cuttle.daemon.report;

import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.Reaction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The daemon's reactions not yet acknowledged by a controller, for status reports: each is sent
 * until a report carrying it is acknowledged. At most {@link #CAPACITY} are kept (the oldest go).
 */
public final class ReactionLog {
  public static final int CAPACITY = 256;

  private final ArrayDeque<Reaction> unreported = new ArrayDeque<>();

  /** A reaction to {@code version}, measured from its commit (unless it came in a snapshot) and from its arrival. */
  public synchronized void record(long version, Optional<Duration> fromCommit, Duration fromReceipt) {
    if (unreported.size() == CAPACITY) {
      unreported.removeFirst();
    }
    Reaction.Builder b = Reaction.newBuilder().setVersion(version).setFromReceiptUs(micros(fromReceipt));
    fromCommit.ifPresent(d -> b.setFromCommitUs(micros(d)));
    unreported.addLast(b.build());
  }

  private static long micros(Duration d) {
    return d.isNegative() ? 0 : d.toNanos() / 1000;
  }

  /** {@code report} with the reactions not yet acknowledged, oldest first. */
  public synchronized HostReport addTo(HostReport report) {
    return unreported.isEmpty() ? report : report.toBuilder().addAllReactions(unreported).build();
  }

  /** A controller acknowledged {@code report}: its reactions are not sent again. */
  public synchronized void acknowledged(HostReport report) {
    report.getReactionsList().forEach(unreported::removeFirstOccurrence);
  }
}
