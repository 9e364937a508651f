package io.cuttle.daemon.flows.accounting;

import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry per 5-tuple with its owner and counters. A new socket on a 5-tuple already in the
 * table (a reused port) starts a new entry; the old one is retired with its owner. Retired and
 * expired flows keep counting in the per-owner totals. Not thread-safe.
 */
public final class FlowTable {
  private final Map<FlowKey, FlowEntry> flows = new HashMap<>();
  private final Map<OwnerKey, Traffic> retired = new HashMap<>();

  /** The app, class and user bytes are totalled under. */
  record OwnerKey(String app, String appClass, String user) {
    static OwnerKey of(Owner o) {
      return new OwnerKey(o.attribution().app(), o.appClass(), o.attribution().user());
    }
  }

  /** Counts traffic on {@code key} from socket {@code socketId} (0 if not known). */
  public void count(FlowKey key, long socketId, Owner owner, Traffic delta, Instant now) {
    FlowEntry e = entry(key, socketId, owner, now);
    e.learn(owner);
    if (delta.bytes() > 0 || delta.packetsUp() + delta.packetsDown() > 0) {
      e.bytesUp += delta.bytesUp();
      e.bytesDown += delta.bytesDown();
      e.packetsUp += delta.packetsUp();
      e.packetsDown += delta.packetsDown();
      if (now.isAfter(e.lastSeen)) {
        e.lastSeen = now;
      }
    }
  }

  /** Records what is known of the owner of the flow on {@code key}. */
  public void learn(FlowKey key, long socketId, Owner owner, Instant now) {
    entry(key, socketId, owner, now).learn(owner);
  }

  private FlowEntry entry(FlowKey key, long socketId, Owner owner, Instant now) {
    FlowEntry e = flows.get(key);
    if (e != null && socketId != 0 && e.socketId != 0 && e.socketId != socketId) {
      retire(e);
      e = null;
    }
    if (e == null) {
      e = new FlowEntry(key, socketId, owner, now);
      flows.put(key, e);
    }
    return e;
  }

  private void retire(FlowEntry e) {
    retired.merge(OwnerKey.of(e.owner), e.traffic(), Traffic::plus);
    flows.remove(e.key);
  }

  /** Drops flows without traffic for {@code idle}; their bytes stay in the totals. */
  public void expire(Instant now, Duration idle) {
    List<FlowEntry> old = new ArrayList<>();
    for (FlowEntry e : flows.values()) {
      if (Duration.between(e.lastSeen, now).compareTo(idle) > 0) {
        old.add(e);
      }
    }
    old.forEach(this::retire);
  }

  /** Totals since start per owner, over live and retired flows. */
  public Map<OwnerKey, Traffic> totals() {
    Map<OwnerKey, Traffic> out = new HashMap<>(retired);
    for (FlowEntry e : flows.values()) {
      out.merge(OwnerKey.of(e.owner), e.traffic(), Traffic::plus);
    }
    return out;
  }

  /** Bytes of live flows with an unknown owner, by why it is unknown. */
  public Map<Owner.Reason, Long> unknownBytesByReason() {
    Map<Owner.Reason, Long> out = new java.util.EnumMap<>(Owner.Reason.class);
    for (FlowEntry e : flows.values()) {
      if (!e.owner.isKnown()) {
        out.merge(e.owner.reason(), e.traffic().bytes(), Long::sum);
      }
    }
    return out;
  }

  /** Bytes of live flows by how their owner was found. */
  public Map<Owner.Method, Long> bytesByMethod() {
    Map<Owner.Method, Long> out = new java.util.EnumMap<>(Owner.Method.class);
    for (FlowEntry e : flows.values()) {
      out.merge(e.owner.method(), e.traffic().bytes(), Long::sum);
    }
    return out;
  }

  /** The live flows. */
  public Collection<FlowEntry> entries() {
    return flows.values();
  }

  public int size() {
    return flows.size();
  }
}
