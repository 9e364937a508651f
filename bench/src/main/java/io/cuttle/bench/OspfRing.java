package io.cuttle.bench;

import io.cuttle.controller.topology.ospf.LsaBytes;
import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A synthetic OSPF area for {@link BenchOspfLatency}: a ring of routers (router i: point-to-point
 * links to i-1 and i+1, a stub /24) and the LSA changes of one kind of event, announced as ospfd
 * announces them. Each call of {@link #next} changes router i's state and returns the notifications
 * (each a real change of the graph).
 */
final class OspfRing {
  /** The kind of event every round plays. */
  enum Scenario {
    /** A link cost toggles (the old instance's deletion, then the new one). */
    COST,
    /** Router i's link to i+1 goes down, or comes back (its router-LSA without or with it). */
    LINK,
    /** Router i restarts: its router-LSA is flushed (MaxAge), then announced afresh. */
    RESTART,
    /** Router i gains or loses a second stub network. */
    STUB,
    /** Router i starts or stops announcing an AS-external /24 (flushed at MaxAge). */
    EXTERNAL;

    static Scenario of(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  /** One notification: an LSA update or deletion in area 0. */
  record Change(boolean delete, byte[] lsa) {}

  private static final int MAX_AGE = 3600;
  private final int n;
  private final Scenario scenario;
  private final int[] seq;
  private final int[] cost;
  /** Per router: link down, router gone, extra stub or external announced (by scenario). */
  private final boolean[] toggled;
  private final int[] externalSeq;

  OspfRing(int n, Scenario scenario) {
    this.n = n;
    this.scenario = scenario;
    this.seq = new int[n];
    this.cost = new int[n];
    this.toggled = new boolean[n];
    this.externalSeq = new int[n];
    java.util.Arrays.fill(seq, 1);
    java.util.Arrays.fill(cost, 10);
  }

  /** The router-LSAs of the initial ring. */
  List<byte[]> initial() {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(router(i));
    }
    return out;
  }

  /** Router i's router-LSA as it is now. */
  byte[] router(int i) {
    int prev = (i + n - 1) % n;
    int next = (i + 1) % n;
    List<LsaBytes.L> links = new ArrayList<>(4);
    if (!(scenario == Scenario.LINK && toggled[i])) {
      links.add(LsaBytes.p2p(rid(next), linkAddress(i, 1), cost[i]));
    }
    links.add(LsaBytes.p2p(rid(prev), linkAddress(prev, 2), 10));
    links.add(LsaBytes.stub(Ipv4.text((20 << 24) | (i << 8)), "255.255.255.0", 10));
    if (scenario == Scenario.STUB && toggled[i]) {
      links.add(LsaBytes.stub(Ipv4.text((21 << 24) | (i << 8)), "255.255.255.0", 10));
    }
    return LsaBytes.router(rid(i), seq[i], 0, links.toArray(LsaBytes.L[]::new));
  }

  private byte[] external(int i) {
    return LsaBytes.external(Ipv4.text((60 << 24) | (i << 8)), rid(i), externalSeq[i], "255.255.255.0", true, 20);
  }

  /** Changes router i as the scenario says; the notifications ospfd would send for it. */
  List<Change> next(int i) {
    switch (scenario) {
      case RESTART -> {
        toggled[i] = !toggled[i];
        if (toggled[i]) {
          return List.of(new Change(true, LsaBytes.withAge(router(i), MAX_AGE)));
        }
        seq[i]++;
        return List.of(new Change(false, router(i)));
      }
      case EXTERNAL -> {
        toggled[i] = !toggled[i];
        if (!toggled[i]) {
          return List.of(new Change(true, LsaBytes.withAge(external(i), MAX_AGE)));
        }
        externalSeq[i]++;
        return List.of(new Change(false, external(i)));
      }
      default -> {
        byte[] old = router(i);
        if (scenario == Scenario.COST) {
          cost[i] = cost[i] == 20 ? 30 : 20;
        } else {
          toggled[i] = !toggled[i];
        }
        seq[i]++;
        return List.of(new Change(true, old), new Change(false, router(i)));
      }
    }
  }

  private static String rid(int i) {
    return Ipv4.text((10 << 24) | (255 << 16) | i);
  }

  /** Address of end {@code end} (1 or 2) of the link from router i to i+1. */
  private static String linkAddress(int i, int end) {
    return Ipv4.text((11 << 24) | (i << 2) | end);
  }
}
