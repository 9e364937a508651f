package io.cuttle.controller.topology.ospf;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * Parts of one kind (links, prefixes, ...) by key, and as an immutable list in key order that
 * shares structure between versions (O(log n) to change one part, no copy to hand the list out).
 * Not thread-safe.
 */
final class OrderedParts<K, V> {
  private final Map<K, V> byKey = new HashMap<>();
  private final Comparator<K> order;
  private final Function<V, K> key;
  private PVector<V> list = TreePVector.empty();

  OrderedParts(Comparator<K> order, Function<V, K> key) {
    this.order = order;
    this.key = key;
  }

  V get(K k) {
    return byKey.get(k);
  }

  boolean containsKey(K k) {
    return byKey.containsKey(k);
  }

  /** The parts in key order; never changes (later changes make new lists). */
  PVector<V> list() {
    return list;
  }

  void clear() {
    byKey.clear();
    list = TreePVector.empty();
  }

  /** Starts over with {@code sorted}, which is in key order. */
  void reset(java.util.List<V> sorted) {
    clear();
    sorted.forEach(v -> byKey.put(key.apply(v), v));
    list = TreePVector.from(sorted);
  }

  void put(V v) {
    K k = key.apply(v);
    int at = position(k);
    if (byKey.put(k, v) != null) {
      list = list.with(at, v);
    } else {
      list = list.plus(-at - 1, v);
    }
  }

  /** Removes and returns the part with key {@code k}, or null if there is none. */
  V remove(K k) {
    V old = byKey.remove(k);
    if (old != null) {
      list = list.minus(position(k));
    }
    return old;
  }

  /** The index of {@code k} in the list, or (-(insertion point) - 1) like binary search. */
  private int position(K k) {
    int lo = 0;
    int hi = list.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = order.compare(key.apply(list.get(mid)), k);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }
}
