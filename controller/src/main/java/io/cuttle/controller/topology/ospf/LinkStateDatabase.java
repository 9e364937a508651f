package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.ospf.lsa.Lsa;
import io.cuttle.controller.topology.ospf.lsa.LsaDecodeResult;
import io.cuttle.controller.topology.ospf.lsa.LsaDecoder;
import io.cuttle.controller.topology.ospf.lsa.LsaHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The LSAs currently installed, keyed by area, type, link state id and advertising router.
 * Installing an LSA whose contents equal the installed copy (a periodic re-flood: only age,
 * sequence number and checksum differ) is reported as {@link Outcome#UNCHANGED}, so nothing
 * downstream is recomputed. Not thread-safe: one owner applies changes in order.
 */
public final class LinkStateDatabase {
  /** What applying one change did. */
  public enum Outcome {
    ADDED, REPLACED, UNCHANGED, REMOVED, ABSENT, MALFORMED;

    /** Whether the graph may have changed. */
    public boolean changed() {
      return this == ADDED || this == REPLACED || this == REMOVED;
    }
  }

  /**
   * The result of one change; {@code problem} is set when the LSA was malformed. {@code previous}
   * is the copy the change replaced or removed, {@code installed} the copy now held.
   */
  public record Applied(Outcome outcome, String problem, Optional<LsdbEntry> previous,
      Optional<LsdbEntry> installed) {
    public Applied(Outcome outcome, String problem) {
      this(outcome, problem, Optional.empty(), Optional.empty());
    }
  }

  private record Key(int area, int type, int id, int advertisingRouter) {}

  private record Stored(LsdbEntry entry, byte[] content) {}

  private final Map<Key, Stored> entries = new HashMap<>();
  /** Router-LSAs by advertising router and network-LSAs by link state id, in every area. */
  private final Map<Integer, Set<Key>> routersByAdvertiser = new HashMap<>();
  private final Map<Integer, Set<Key>> networksById = new HashMap<>();

  /** Installs an LSA received in {@code area}; an LSA at MaxAge removes the installed copy. */
  public Applied update(int area, byte[] lsa) {
    return apply(area, lsa, false);
  }

  /** Removes an LSA; {@code lsa} is the copy being removed (only its header is used). */
  public Applied delete(int area, byte[] lsa) {
    return apply(area, lsa, true);
  }

  private Applied apply(int area, byte[] raw, boolean delete) {
    LsaDecodeResult r = LsaDecoder.decode(raw);
    if (r instanceof LsaDecodeResult.Malformed m) {
      return new Applied(Outcome.MALFORMED, m.problem());
    }
    Lsa lsa = ((LsaDecodeResult.Decoded) r).lsa();
    LsaHeader h = lsa.header();
    int scopeArea = h.type() == Lsa.AS_EXTERNAL || h.type() == 11 ? 0 : area;
    Key key = new Key(scopeArea, h.type(), h.linkStateId(), h.advertisingRouter());
    if (delete || h.age() >= LsaHeader.MAX_AGE) {
      Stored gone = entries.remove(key);
      if (gone == null) {
        return new Applied(Outcome.ABSENT, null);
      }
      unindex(key);
      return new Applied(Outcome.REMOVED, null, Optional.of(gone.entry()), Optional.empty());
    }
    byte[] content = content(raw, h.length());
    LsdbEntry entry = new LsdbEntry(scopeArea, lsa);
    Stored old = entries.put(key, new Stored(entry, content));
    if (old == null) {
      index(key);
      return new Applied(Outcome.ADDED, null, Optional.empty(), Optional.of(entry));
    }
    Outcome o = Arrays.equals(old.content(), content) ? Outcome.UNCHANGED : Outcome.REPLACED;
    return new Applied(o, null, Optional.of(old.entry()), Optional.of(entry));
  }

  private Map<Integer, Set<Key>> indexOf(Key k) {
    return k.type() == Lsa.ROUTER ? routersByAdvertiser : k.type() == Lsa.NETWORK ? networksById : null;
  }

  private static int indexKey(Key k) {
    return k.type() == Lsa.ROUTER ? k.advertisingRouter() : k.id();
  }

  private void index(Key k) {
    Map<Integer, Set<Key>> idx = indexOf(k);
    if (idx != null) {
      idx.computeIfAbsent(indexKey(k), x -> new HashSet<>()).add(k);
    }
  }

  private void unindex(Key k) {
    Map<Integer, Set<Key>> idx = indexOf(k);
    if (idx != null) {
      Set<Key> keys = idx.get(indexKey(k));
      keys.remove(k);
      if (keys.isEmpty()) {
        idx.remove(indexKey(k));
      }
    }
  }

  /** The router-LSAs {@code advertisingRouter} originated, in every area. */
  public List<LsdbEntry> routerLsas(int advertisingRouter) {
    return lookup(routersByAdvertiser, advertisingRouter);
  }

  /** The network-LSAs with link state id {@code linkStateId} (the DR's address), in every area. */
  public List<LsdbEntry> networkLsas(int linkStateId) {
    return lookup(networksById, linkStateId);
  }

  private List<LsdbEntry> lookup(Map<Integer, Set<Key>> idx, int k) {
    Set<Key> keys = idx.getOrDefault(k, Set.of());
    List<LsdbEntry> out = new ArrayList<>(keys.size());
    keys.forEach(key -> out.add(entries.get(key).entry()));
    return out;
  }

  /** Options byte and body: what a re-flood leaves unchanged. */
  private static byte[] content(byte[] raw, int length) {
    byte[] c = new byte[1 + length - LsaHeader.SIZE];
    c[0] = raw[2];
    System.arraycopy(raw, LsaHeader.SIZE, c, 1, length - LsaHeader.SIZE);
    return c;
  }

  public int size() {
    return entries.size();
  }

  /** A copy of the installed LSAs. */
  public List<LsdbEntry> entries() {
    List<LsdbEntry> out = new ArrayList<>(entries.size());
    entries.values().forEach(s -> out.add(s.entry()));
    return out;
  }

  public void clear() {
    entries.clear();
    routersByAdvertiser.clear();
    networksById.clear();
  }
}
