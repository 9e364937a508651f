package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.ospf.lsa.Lsa;
import io.cuttle.controller.topology.ospf.lsa.LsaDecodeResult;
import io.cuttle.controller.topology.ospf.lsa.LsaDecoder;
import io.cuttle.controller.topology.ospf.lsa.LsaHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /** The result of one change; {@code problem} is set when the LSA was malformed. */
  public record Applied(Outcome outcome, String problem) {}

  private record Key(int area, int type, int id, int advertisingRouter) {}

  private record Stored(LsdbEntry entry, byte[] content) {}

  private final Map<Key, Stored> entries = new HashMap<>();

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
      return new Applied(entries.remove(key) == null ? Outcome.ABSENT : Outcome.REMOVED, null);
    }
    byte[] content = content(raw, h.length());
    Stored old = entries.put(key, new Stored(new LsdbEntry(scopeArea, lsa), content));
    if (old == null) {
      return new Applied(Outcome.ADDED, null);
    }
    return new Applied(Arrays.equals(old.content(), content) ? Outcome.UNCHANGED : Outcome.REPLACED, null);
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
  }
}
