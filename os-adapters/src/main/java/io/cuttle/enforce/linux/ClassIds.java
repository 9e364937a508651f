package io.cuttle.enforce.linux;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Stable class numbers per app slug (2..0xfffe): they name the app's nft chain and sets and its HTB
 * class minor. Seeded from the kernel on start, so a restarted adapter keeps the numbers it used.
 */
final class ClassIds {
  static final int FIRST = 2;
  static final int LAST = 0xfffe;
  private final Map<String, Integer> bySlug = new TreeMap<>();

  void seed(Map<String, Integer> fromKernel) {
    fromKernel.forEach((slug, id) -> {
      if (id >= FIRST && id <= LAST && !bySlug.containsKey(slug) && !bySlug.containsValue(id)) {
        bySlug.put(slug, id);
      }
    });
  }

  /** The slug's number, allocating the lowest free one; empty when all are taken. */
  OptionalInt of(String slug) {
    Integer have = bySlug.get(slug);
    if (have != null) {
      return OptionalInt.of(have);
    }
    java.util.Set<Integer> used = new java.util.HashSet<>(bySlug.values());
    for (int i = FIRST; i <= LAST; i++) {
      if (!used.contains(i)) {
        bySlug.put(slug, i);
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  void release(String slug) {
    bySlug.remove(slug);
  }

  Map<String, Integer> snapshot() {
    return Map.copyOf(bySlug);
  }
}
