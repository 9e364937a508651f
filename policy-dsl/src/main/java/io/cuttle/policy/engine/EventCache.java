package io.cuttle.policy.engine;

import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.api.NetEvent;
import io.cuttle.policy.api.StateDiff;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events between two state versions, computed once per pair within a poll: most handlers
 * saw the same previous version, so they share one comparison.
 */
final class EventCache {
  /** Identity of two versions: comparing states by value would cost a walk over all links. */
  private record Key(NetworkState from, NetworkState to) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.from == from && k.to == to;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(from) * 31 + System.identityHashCode(to);
    }
  }

  private final Map<Key, List<NetEvent>> cache = new HashMap<>();

  List<NetEvent> between(NetworkState from, NetworkState to) {
    if (from == null) {
      return List.of();
    }
    if (from == to) {
      return List.of();
    }
    return cache.computeIfAbsent(new Key(from, to), k -> StateDiff.between(k.from(), k.to()));
  }
}
