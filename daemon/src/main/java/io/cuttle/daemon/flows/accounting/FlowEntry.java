package io.cuttle.daemon.flows.accounting;

import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.Traffic;
import java.time.Instant;

/** One flow's mutable counters inside a {@link FlowTable}; guarded by the table's owner. */
public final class FlowEntry {
  final FlowKey key;
  final long socketId;
  final Instant firstSeen;
  Owner owner;
  Instant lastSeen;
  long bytesUp;
  long bytesDown;
  long packetsUp;
  long packetsDown;

  FlowEntry(FlowKey key, long socketId, Owner owner, Instant now) {
    this.key = key;
    this.socketId = socketId;
    this.owner = owner;
    this.firstSeen = now;
    this.lastSeen = now;
  }

  public FlowKey key() {
    return key;
  }

  public Owner owner() {
    return owner;
  }

  public Traffic traffic() {
    return new Traffic(bytesUp, bytesDown, packetsUp, packetsDown);
  }

  public FlowRecord record() {
    return new FlowRecord(key, owner.attribution(), traffic(), firstSeen, lastSeen);
  }

  /**
   * Takes in what is now known of the owner. An owner is never replaced by another app: a
   * conflict makes the flow unknown for good; a socket that lost its holders keeps its owner.
   */
  void learn(Owner next) {
    Owner.Reason r = owner.reason();
    if (r == Owner.Reason.OWNER_CHANGED || r == Owner.Reason.SHARED_DIFFERENT_APPS) {
      return;
    }
    if (!owner.isKnown()) {
      owner = next;
      return;
    }
    switch (next.reason()) {
      case NO_HOLDER, PENDING, CGROUP_MIXED_APPS, CGROUP_UNRESOLVED -> { }
      case SHARED_DIFFERENT_APPS -> owner = next;
      case CGROUP_SINGLE_APP -> {
        if (!owner.sameApp(next)) {
          owner = Owner.unknown(Owner.Reason.OWNER_CHANGED);
        }
      }
      case SINGLE_PROCESS, SHARED_SAME_APP -> {
        if (!owner.sameApp(next)) {
          owner = Owner.unknown(Owner.Reason.OWNER_CHANGED);
        } else if (owner.reason() == Owner.Reason.CGROUP_SINGLE_APP) {
          owner = next; // the holders say more than the cgroup did
        } else if (next.reason() == Owner.Reason.SHARED_SAME_APP || owner.reason() == Owner.Reason.SINGLE_PROCESS
            && !owner.attribution().pid().equals(next.attribution().pid())) {
          // Several processes of the app held it over its life: keep the app, drop the PID.
          owner = Owner.of(new AppIdentity(owner.attribution().app(), owner.appClass(), owner.attribution().user()),
              java.util.OptionalInt.empty(), Owner.Reason.SHARED_SAME_APP);
        }
      }
      default -> { }
    }
  }
}
