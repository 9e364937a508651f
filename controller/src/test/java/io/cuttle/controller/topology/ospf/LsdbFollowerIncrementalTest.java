package io.cuttle.controller.topology.ospf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.store.CommitResult;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.ospf.LsaBytes.L;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random databases (two areas with ABRs, parallel and one-sided point-to-point links, a broadcast
 * network, repeated stub prefixes, summaries, an external) take random changes: link costs, links
 * and stubs that appear and disappear, stub-router status, routers that restart (their router-LSA
 * flushed, then back), network-LSAs that lose and regain a router or disappear, summaries, ASBR
 * summaries and externals that come and go (some for prefixes an area announces too); router-LSA
 * changes half of the time announced as ospfd does (deletion of the old instance, then the new one).
 * After every one the spec the follower delivers in place must equal a rebuild of the whole
 * database, and a store fed the typed changes must hold the same network as a store fed every spec
 * whole.
 */
class LsdbFollowerIncrementalTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final int ROUTERS = 10;

  /** A router's links in one area, as announced (mutable). */
  private final Map<String, List<L>> announced = new HashMap<>();
  private final Map<String, Integer> seq = new HashMap<>();
  private final Map<String, byte[]> installed = new HashMap<>();
  /** Network-, summary- and external-LSAs that come and go: area, and the copy installed or null. */
  private final Map<String, Integer> otherAreas = new HashMap<>();
  private final Map<String, byte[]> others = new HashMap<>();
  /** Router-LSAs flushed (a router restarting), by key. */
  private final Set<String> flushed = new TreeSet<>();
  /** The routers the network-LSA lists. */
  private String attached = "0,1,2";

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void inPlaceUpdatesEqualAFullRebuild(int seed) {
    Random rnd = new Random(seed);
    TopologyStore incremental = new TopologyStore(new Lineage(1, Instant.EPOCH), CLOCK, 64);
    TopologyStore whole = new TopologyStore(new Lineage(1, Instant.EPOCH), CLOCK, 64);
    int[] updates = new int[1];
    int[] rebuilds = new int[1];
    int[] structural = new int[1];
    TopologySpec[] applied = new TopologySpec[1];
    LsdbFollower f = new LsdbFollower("test", new TopologyProviderListener() {
      @Override
      public void specChanged(TopologySpec spec) {
        assertThat(incremental.apply(spec)).isInstanceOf(CommitResult.Committed.class);
        assertThat(whole.apply(spec)).isInstanceOf(CommitResult.Committed.class);
        applied[0] = spec;
        rebuilds[0]++;
      }

      @Override
      public void specUpdated(TopologySpec spec, SpecChange change) {
        assertThat(change.base()).isSameAs(applied[0]);
        assertThat(spec).isNotEqualTo(change.base());
        assertThat(incremental.applyChange(change)).isInstanceOf(CommitResult.Committed.class);
        if (!change.costsOnly()) {
          structural[0]++;
        }
        assertThat(whole.apply(spec)).isInstanceOf(CommitResult.Committed.class);
        applied[0] = spec;
        updates[0]++;
      }

      @Override
      public void specRejected(String source, List<Diagnostic> problems) {
        throw new AssertionError(problems.toString());
      }
    });
    build(rnd).forEach(e -> f.apply(false, e.getKey(), e.getValue()));
    f.publish(true);
    for (int round = 0; round < 400; round++) {
      change(rnd, f);
      f.publish(false);
      TopologySpec rebuilt = AreaGraphBuilder.build(f.entries()).spec();
      assertThat(f.lastDelivered()).as("round %d", round).isEqualTo(rebuilt);
      assertThat(links(incremental.current())).as("round %d", round).isEqualTo(links(whole.current()));
      assertThat(prefixes(incremental.current())).as("round %d", round).isEqualTo(prefixes(whole.current()));
      assertThat(nodes(incremental.current())).as("round %d", round).isEqualTo(nodes(whole.current()));
    }
    assertThat(updates[0]).as("changes applied in place").isGreaterThan(150);
    assertThat(structural[0]).as("changes that add or remove parts, applied in place").isGreaterThan(60);
    assertThat(rebuilds[0]).as("whole graphs delivered: the first only").isEqualTo(1);
  }

  /** Links by name with their ends' names and the cost from the lower-named end. */
  private static Set<String> links(NetworkState s) {
    Set<String> out = new TreeSet<>();
    for (Link l : s.links().values()) {
      String a = s.nodes().get(l.a()).name();
      String b = s.nodes().get(l.b()).name();
      boolean swap = a.compareTo(b) > 0;
      out.add(l.name() + " " + (swap ? b + ">" + a + " " + l.costBa() + "/" + l.costAb()
          : a + ">" + b + " " + l.costAb() + "/" + l.costBa()) + " " + l.state() + " " + l.area());
    }
    return out;
  }

  private static Set<String> prefixes(NetworkState s) {
    Set<String> out = new TreeSet<>();
    s.prefixes().values().forEach(p -> out.add(p.prefix() + "@" + s.nodes().get(p.router()).name() + " " + p.cost()
        + " " + p.area()));
    return out;
  }

  private static Set<String> nodes(NetworkState s) {
    Set<String> out = new TreeSet<>();
    s.nodes().values().forEach(n -> out.add(n.toString().replaceAll("id=\\d+, ", "")));
    return out;
  }

  private static String rid(int i) {
    return "10.0.0." + (i + 1);
  }

  private static int areaOf(String key) {
    return key.startsWith("1/") ? 1 : 0;
  }

  private static String key(int area, int router) {
    return area + "/" + router;
  }

  private List<Map.Entry<Integer, byte[]>> build(Random rnd) {
    // Routers 0..5 in area 0, 4..9 in area 1: 4 and 5 are ABRs.
    for (int i = 0; i < ROUTERS; i++) {
      if (i <= 5) {
        announced.put(key(0, i), new ArrayList<>());
      }
      if (i >= 4) {
        announced.put(key(1, i), new ArrayList<>());
      }
    }
    int address = 1;
    for (int area = 0; area <= 1; area++) {
      int lo = area == 0 ? 0 : 4;
      int hi = area == 0 ? 5 : 9;
      for (int k = 0; k < 9; k++) {
        int a = lo + rnd.nextInt(hi - lo + 1);
        int b = lo + rnd.nextInt(hi - lo + 1);
        if (a == b) {
          continue;
        }
        String aAddr = "11.0." + area + "." + address++;
        String bAddr = "11.0." + area + "." + address++;
        announced.get(key(area, a)).add(LsaBytes.p2p(rid(b), aAddr, 1 + rnd.nextInt(50)));
        if (rnd.nextInt(8) != 0) { // sometimes only one end announces the link
          announced.get(key(area, b)).add(LsaBytes.p2p(rid(a), bAddr, 1 + rnd.nextInt(50)));
        }
      }
    }
    // A broadcast network in area 0: DR 12.0.0.1 (router 0), routers 0, 1, 2 attached.
    for (int i = 0; i <= 2; i++) {
      announced.get(key(0, i)).add(LsaBytes.transit("12.0.0.1", "12.0.0." + (i + 1), 5 + i));
    }
    for (String k : announced.keySet()) {
      int r = Integer.parseInt(k.substring(2));
      announced.get(k).add(LsaBytes.stub("20.0." + r + ".0", "255.255.255.0", 10));
      announced.get(k).add(LsaBytes.stub("30.0.0.0", "255.255.255.0", 1 + rnd.nextInt(20))); // shared
    }
    List<Map.Entry<Integer, byte[]>> out = new ArrayList<>();
    announced.keySet().forEach(k -> out.add(Map.entry(areaOf(k), routerLsa(k))));
    for (String k : OTHERS) {
      otherAreas.put(k, k.startsWith("summary:20") || k.startsWith("summary:31") ? 1 : 0);
      out.add(Map.entry(otherAreas.get(k), other(k, 1)));
    }
    return out;
  }

  /** The LSAs {@link #other} builds. */
  private static final List<String> OTHERS = List.of("network:12.0.0.1", "summary:40.0.0.0/4", "summary:20.0.0.0/5",
      "summary:31.0.0.0/4", "summary:31.0.0.0/5", "asbr:9/4", "external:50.0.0.0/9", "external:30.0.0.0/3",
      "external:51.0.0.0/2");

  /** A new copy of one of {@link #OTHERS}, installed. */
  private byte[] other(String k, int seq) {
    String what = k.substring(k.indexOf(':') + 1);
    int slash = what.indexOf('/');
    int seqNo = seq;
    byte[] lsa = switch (k.substring(0, k.indexOf(':'))) {
      case "network" -> LsaBytes.network("12.0.0.1", rid(0), seqNo, "255.255.255.0",
          java.util.Arrays.stream(attached.split(",")).map(i -> rid(Integer.parseInt(i))).toArray(String[]::new));
      case "summary" -> LsaBytes.summary(3, what.substring(0, slash), rid(Integer.parseInt(what.substring(slash + 1))),
          seqNo, what.startsWith("20.") ? "255.255.255.0" : "255.255.0.0", 5 + seqNo % 7);
      case "asbr" -> LsaBytes.summary(4, rid(Integer.parseInt(what.substring(0, slash))),
          rid(Integer.parseInt(what.substring(slash + 1))), seqNo, "0.0.0.0", 10 + seqNo % 5);
      default -> LsaBytes.external(what.substring(0, slash), rid(Integer.parseInt(what.substring(slash + 1))), seqNo,
          what.startsWith("30.") ? "255.255.255.0" : "255.0.0.0", true, 20 + seqNo % 3);
    };
    others.put(k, lsa);
    return lsa;
  }

  /** Flushes, restores or renews one of {@link #OTHERS}; the network loses or regains router 2. */
  private void changeOther(Random rnd, LsdbFollower f) {
    String k = OTHERS.get(rnd.nextInt(OTHERS.size()));
    byte[] held = others.get(k);
    int area = otherAreas.get(k);
    int n = seq.merge(k, 1, Integer::sum) + 1;
    if (k.startsWith("network") && rnd.nextBoolean()) { // a new instance: router 2 leaves or comes back
      attached = attached.equals("0,1,2") ? "0,1" : "0,1,2";
      f.apply(false, area, other(k, n));
      return;
    }
    if (held != null && rnd.nextInt(3) != 0) {
      f.apply(rnd.nextBoolean(), area, rnd.nextBoolean() ? held : LsaBytes.withAge(held, 3600));
      others.put(k, null);
    } else {
      f.apply(false, area, other(k, n));
    }
  }

  private byte[] routerLsa(String k) {
    int r = Integer.parseInt(k.substring(2));
    int s = seq.merge(k, 1, Integer::sum);
    byte[] lsa = LsaBytes.router(rid(r), s, 0, announced.get(k).toArray(L[]::new));
    installed.put(k, lsa);
    return lsa;
  }

  /**
   * One random change: mostly to one router-LSA (a link cost, a link or stub added or removed,
   * stub-router status, a restart), else to a network-, summary- or external-LSA.
   */
  private void change(Random rnd, LsdbFollower f) {
    if (!flushed.isEmpty() && rnd.nextInt(3) == 0) {
      String k = flushed.iterator().next(); // the restarted router announces itself again
      flushed.remove(k);
      f.apply(false, areaOf(k), routerLsa(k));
      return;
    }
    if (rnd.nextInt(4) == 0) {
      changeOther(rnd, f);
      return;
    }
    List<String> keys = new ArrayList<>(new TreeSet<>(announced.keySet()));
    keys.removeAll(flushed);
    String k = keys.get(rnd.nextInt(keys.size()));
    List<L> links = announced.get(k);
    int dice = rnd.nextInt(22);
    if (dice >= 20) {
      if (dice == 20) { // restart: the router-LSA is flushed (MaxAge), re-originated later
        f.apply(false, areaOf(k), LsaBytes.withAge(installed.get(k), 3600));
        flushed.add(k);
        return;
      }
      links.add(LsaBytes.stub(rnd.nextBoolean() ? "40.0.0.0" : "31.0.0.0", "255.255.0.0", 1 + rnd.nextInt(30)));
      f.apply(false, areaOf(k), routerLsa(k));
      return;
    }
    int i = rnd.nextInt(links.size());
    L l = links.get(i);
    if (dice < 14) {
      List<Integer> toRouters = new ArrayList<>();
      for (int j = 0; j < links.size(); j++) {
        if (links.get(j).type() != 3) {
          toRouters.add(j);
        }
      }
      if (!toRouters.isEmpty()) {
        int j = toRouters.get(rnd.nextInt(toRouters.size()));
        L x = links.get(j);
        links.set(j, new L(x.type(), x.id(), x.data(), rnd.nextInt(8) == 0 ? 0xffff : 1 + rnd.nextInt(60)));
      }
    } else if (dice < 15) {
      for (int j = 0; j < links.size(); j++) { // stub router and back
        L x = links.get(j);
        if (x.type() != 3) {
          links.set(j, new L(x.type(), x.id(), x.data(), x.metric() == 0xffff ? 10 : 0xffff));
        }
      }
    } else if (dice < 16) {
      links.set(i, new L(l.type(), l.id(), l.data(), l.metric() + 1));
    } else if (dice < 18 && links.size() > 2) {
      links.remove(i);
    } else {
      links.add(rnd.nextInt(links.size() + 1), l);
    }
    byte[] before = installed.get(k);
    byte[] after = routerLsa(k);
    if (rnd.nextBoolean()) {
      f.apply(true, areaOf(k), before); // as ospfd announces a new instance: delete, then update
    }
    f.apply(false, areaOf(k), after);
  }
}
