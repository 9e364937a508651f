package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import io.cuttle.controller.topology.ospf.lsa.Lsa;
import io.cuttle.controller.topology.ospf.lsa.LsaDecodeResult;
import io.cuttle.controller.topology.ospf.lsa.LsaDecoder;
import io.cuttle.controller.topology.ospf.lsa.LsaHeader;
import io.cuttle.netstate.model.Prefix;
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
  /** Keys of the installed LSAs by what they are found by (see {@link #tags}). */
  private final Map<Tag, Set<Key>> index = new HashMap<>();

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
      unindex(key, gone.entry().lsa());
      return new Applied(Outcome.REMOVED, null, Optional.of(gone.entry()), Optional.empty());
    }
    byte[] content = content(raw, h.length());
    LsdbEntry entry = new LsdbEntry(scopeArea, lsa);
    Stored old = entries.put(key, new Stored(entry, content));
    if (old == null) {
      index(key, lsa);
      return new Applied(Outcome.ADDED, null, Optional.empty(), Optional.of(entry));
    }
    Outcome o = Arrays.equals(old.content(), content) ? Outcome.UNCHANGED : Outcome.REPLACED;
    if (o == Outcome.REPLACED) {
      unindex(key, old.entry().lsa());
      index(key, lsa);
    }
    return new Applied(o, null, Optional.of(old.entry()), Optional.of(entry));
  }

  /** What an LSA is found by besides its key: see {@link #tags}. */
  private sealed interface Tag {}

  private record RouterOf(int routerId) implements Tag {}

  private record NetworkOf(int linkStateId) implements Tag {}

  private record PrefixOf(Prefix prefix) implements Tag {}

  private record OriginOf(int advertisingRouter) implements Tag {}

  private record AsbrOf(int asbr) implements Tag {}

  /**
   * The tags of an LSA: a router-LSA by its router and its stub prefixes, a network-LSA by its
   * DR address and prefix, a summary or external by its prefix (type 3 and 5) or ASBR (type 4) and
   * by its originator.
   */
  private static List<Tag> tags(Lsa lsa) {
    List<Tag> out = new ArrayList<>(4);
    LsaHeader h = lsa.header();
    switch (lsa) {
      case Lsa.RouterLsa r -> {
        out.add(new RouterOf(h.advertisingRouter()));
        for (Lsa.RouterLink l : r.links()) {
          if (l.kind() == Lsa.LinkKind.STUB) {
            prefixOf(l.id(), l.data()).ifPresent(p -> out.add(new PrefixOf(p)));
          }
        }
      }
      case Lsa.NetworkLsa n -> {
        out.add(new NetworkOf(h.linkStateId()));
        prefixOf(h.linkStateId(), n.mask()).ifPresent(p -> out.add(new PrefixOf(p)));
      }
      case Lsa.SummaryLsa s -> {
        out.add(new OriginOf(h.advertisingRouter()));
        if (h.type() == Lsa.ASBR_SUMMARY) {
          out.add(new AsbrOf(h.linkStateId()));
        } else {
          prefixOf(h.linkStateId(), s.mask()).ifPresent(p -> out.add(new PrefixOf(p)));
        }
      }
      case Lsa.ExternalLsa x -> {
        out.add(new OriginOf(h.advertisingRouter()));
        prefixOf(h.linkStateId(), x.mask()).ifPresent(p -> out.add(new PrefixOf(p)));
      }
      case Lsa.Other o -> { }
    }
    return out;
  }

  /** The prefix {@code address/mask} as the graph names it, or empty for a mask with holes. */
  public static Optional<Prefix> prefixOf(int address, int mask) {
    int len = Ipv4.maskLength(mask);
    return len < 0 ? Optional.empty() : Optional.of(Ipv4.prefix(address, len));
  }

  private void index(Key k, Lsa lsa) {
    for (Tag t : tags(lsa)) {
      index.computeIfAbsent(t, x -> new HashSet<>()).add(k);
    }
  }

  private void unindex(Key k, Lsa lsa) {
    for (Tag t : tags(lsa)) {
      Set<Key> keys = index.get(t);
      if (keys != null) {
        keys.remove(k);
        if (keys.isEmpty()) {
          index.remove(t);
        }
      }
    }
  }

  /** The router-LSAs {@code advertisingRouter} originated, in every area. */
  public List<LsdbEntry> routerLsas(int advertisingRouter) {
    return lookup(new RouterOf(advertisingRouter));
  }

  /** The network-LSAs with link state id {@code linkStateId} (the DR's address), in every area. */
  public List<LsdbEntry> networkLsas(int linkStateId) {
    return lookup(new NetworkOf(linkStateId));
  }

  /**
   * The LSAs that announce {@code prefix}: router-LSAs with it as a stub network, network-LSAs of
   * it, summaries (type 3) and AS-externals of it.
   */
  public List<LsdbEntry> announcing(Prefix prefix) {
    return lookup(new PrefixOf(prefix));
  }

  /** The summaries (types 3 and 4) and AS-externals {@code router} originated. */
  public List<LsdbEntry> originatedBy(int router) {
    return lookup(new OriginOf(router));
  }

  /** The ASBR-summaries (type 4) that announce the way to {@code asbr}. */
  public List<LsdbEntry> asbrSummaries(int asbr) {
    return lookup(new AsbrOf(asbr));
  }

  private List<LsdbEntry> lookup(Tag t) {
    Set<Key> keys = index.getOrDefault(t, Set.of());
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
    index.clear();
  }
}
