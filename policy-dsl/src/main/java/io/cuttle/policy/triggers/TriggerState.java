package io.cuttle.policy.triggers;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The trigger bookkeeping of one handler: when its next tick is, whether a state change is
 * pending (and when its splayed reaction is due), how many consecutive true evaluations it has
 * seen, and until when it is held down. Not thread-safe: the engine drives it from one thread.
 */
public final class TriggerState {
  private final TriggerPolicy policy;
  private final RandomGenerator random;
  private Instant nextTick;
  private Instant pendingChangeAt; // null: no change pending
  private int consecutiveTrue;
  private Instant heldUntil = Instant.MIN;

  public TriggerState(TriggerPolicy policy, RandomGenerator random, Instant now) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.random = Objects.requireNonNull(random, "random");
    this.nextTick = policy.tick().isZero() ? Instant.MAX : now.plus(policy.tick()).plus(splay());
    this.pendingChangeAt = now; // a freshly loaded handler evaluates at once
  }

  public TriggerPolicy policy() {
    return policy;
  }

  private Duration splay() {
    long max = policy.splay().toNanos();
    return max <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(max));
  }

  /** The network state changed at {@code now}: a run becomes due after a random splay (unless one is pending). */
  public void stateChanged(Instant now) {
    if (pendingChangeAt == null) {
      pendingChangeAt = now.plus(splay());
    }
  }

  /** Why the handler should run at {@code now}, if it should. */
  public Optional<Trigger> due(Instant now) {
    if (pendingChangeAt != null && !now.isBefore(pendingChangeAt)) {
      return Optional.of(Trigger.STATE_CHANGE);
    }
    if (!now.isBefore(nextTick)) {
      return Optional.of(Trigger.TICK);
    }
    return Optional.empty();
  }

  /** The handler ran at {@code now}: the pending change is consumed and the next tick is one period later. */
  public void ran(Instant now) {
    pendingChangeAt = null;
    if (!policy.tick().isZero()) {
      nextTick = now.plus(policy.tick());
    }
  }

  /** The earliest instant a run may be due (for schedulers). */
  public Instant nextDue() {
    return pendingChangeAt != null && pendingChangeAt.isBefore(nextTick) ? pendingChangeAt : nextTick;
  }

  /**
   * Feeds one evaluation of {@code exception(net)}; true when {@code fire} should be called: the
   * predicate has been true {@code debounce} times in a row and the hold-down is over.
   */
  public boolean shouldFire(boolean exception, Instant now) {
    consecutiveTrue = exception ? consecutiveTrue + 1 : 0;
    return exception && consecutiveTrue >= policy.debounce() && !now.isBefore(heldUntil);
  }

  /** The predicate has been true this many evaluations in a row. */
  public int consecutiveTrue() {
    return consecutiveTrue;
  }

  /** The handler deregistered at {@code now}: it may not fire again before the hold-down is over. */
  public void deregistered(Instant now) {
    consecutiveTrue = 0;
    heldUntil = now.plus(policy.holdDown());
  }

  /** Until when a fire is held down (in the past when it is not). */
  public Instant heldUntil() {
    return heldUntil;
  }
}
