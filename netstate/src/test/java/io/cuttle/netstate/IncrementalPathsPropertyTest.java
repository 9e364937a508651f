package io.cuttle.netstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import io.cuttle.netstate.path.Endpoint;
import io.cuttle.netstate.path.NetworkPaths;
import io.cuttle.netstate.path.PathSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Incremental SPF against full recomputation: random topologies (small cost ranges, so many
 * equal-cost paths; a transit LAN; stub prefixes) and random change sequences (cost changes, links
 * down/up, added and removed, prefixes added and removed). After every change the paths a state
 * derives from its predecessor must equal those computed from scratch, for every router as source,
 * and the costs must equal those of JGraphT's Dijkstra on the same network.
 */
class IncrementalPathsPropertyTest {
  private static final Lineage LINEAGE = new Lineage(3, Instant.EPOCH);
  private static final int LAN = 900;

  private int nextId = 10_000;
  private int reused;
  private int recomputed;

  @Test
  void derivedPathsEqualFullRecomputationOverRandomChanges() {
    Random random = new Random(20261123L);
    for (int topology = 0; topology < 40; topology++) {
      NetworkState s = randomState(random, 5 + random.nextInt(26));
      s.paths(); // the first version computes from scratch
      query(s.paths(), s);
      for (int step = 0; step < 25; step++) {
        s = s.apply(new Delta(s.version() + 1, s.at(), randomChange(random, s)));
        NetworkPaths derived = s.paths();
        NetworkPaths full = new NetworkPaths(s);
        reused += derived.reusedTrees();
        if (step % 3 == 1) {
          // Use only some sources in this version: the others' trees must not be carried stale.
          int r = routers(s).get(0);
          assertThat(derived.fromNode(r, Endpoint.network(LAN))).isEqualTo(full.fromNode(r, Endpoint.network(LAN)));
          continue;
        }
        assertSame(derived, full, s);
        if (step % 5 == 0) {
          assertCostsMatchJGraphT(full, s);
        }
        recomputed += derived.cachedTrees() - derived.reusedTrees();
      }
    }
    // The test means something only if both branches were taken many times.
    assertThat(reused).isGreaterThan(1_000);
    assertThat(recomputed).isGreaterThan(1_000);
  }

  private static void query(NetworkPaths p, NetworkState s) {
    for (int r : routers(s)) {
      for (StubPrefix x : s.prefixes().values()) {
        p.fromNode(r, Endpoint.stub(x.id()));
      }
    }
  }

  private static void assertSame(NetworkPaths derived, NetworkPaths full, NetworkState s) {
    for (int r : routers(s)) {
      for (StubPrefix x : s.prefixes().values()) {
        assertThat(derived.fromNode(r, Endpoint.stub(x.id())))
            .as("router %d to prefix %d at version %d", r, x.id(), s.version())
            .isEqualTo(full.fromNode(r, Endpoint.stub(x.id())));
      }
      assertThat(derived.fromNode(r, Endpoint.network(LAN))).isEqualTo(full.fromNode(r, Endpoint.network(LAN)));
    }
    for (StubPrefix a : s.prefixes().values()) {
      for (StubPrefix b : s.prefixes().values()) {
        if (a.id() % 3 == 0) {
          assertThat(derived.between(Endpoint.stub(a.id()), Endpoint.stub(b.id())))
              .isEqualTo(full.between(Endpoint.stub(a.id()), Endpoint.stub(b.id())));
        }
      }
    }
  }

  /** An independent oracle: JGraphT's Dijkstra on a graph built here from the state. */
  private static void assertCostsMatchJGraphT(NetworkPaths paths, NetworkState s) {
    Graph<Integer, DefaultWeightedEdge> g = new DirectedWeightedMultigraph<>(DefaultWeightedEdge.class);
    s.nodes().keySet().forEach(g::addVertex);
    for (Link l : s.links().values()) {
      if (l.isUp()) {
        g.setEdgeWeight(g.addEdge(l.a(), l.b()), l.costAb());
        g.setEdgeWeight(g.addEdge(l.b(), l.a()), l.costBa());
      }
    }
    for (StubPrefix p : s.prefixes().values()) {
      int dest = 1_000_000 + p.id();
      g.addVertex(dest);
      g.setEdgeWeight(g.addEdge(p.router(), dest), p.cost());
    }
    for (int r : routers(s)) {
      var tree = new DijkstraShortestPath<>(g).getPaths(r);
      for (StubPrefix p : s.prefixes().values()) {
        double want = tree.getWeight(1_000_000 + p.id());
        PathSet got = paths.fromNode(r, Endpoint.stub(p.id()));
        if (Double.isInfinite(want)) {
          assertThat(got.reachable()).isFalse();
        } else {
          assertThat(got.cost()).as("router %d to prefix %d", r, p.id()).isEqualTo((long) want);
          assertThat(got.paths()).allSatisfy(path -> assertThat(path.cost()).isEqualTo((long) want));
        }
      }
    }
  }

  private static List<Integer> routers(NetworkState s) {
    return s.nodes().values().stream().filter(n -> n instanceof Router).map(Node::id).sorted().toList();
  }

  private NetworkState randomState(Random random, int n) {
    List<Node> nodes = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    List<StubPrefix> prefixes = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      nodes.add(new Router(i, "r" + i, 0x0a000000 + i, Set.of("0.0.0.0")));
      links.add(link(i, i % n + 1, random));
      prefixes.add(prefix(i, random));
    }
    for (int c = 0; c < n / 2; c++) {
      int a = 1 + random.nextInt(n);
      int b = 1 + random.nextInt(n);
      if (a != b) {
        links.add(link(a, b, random));
      }
    }
    nodes.add(new TransitNetwork(LAN, "lan", Prefix.parse("10.200.0.0/24"), "0.0.0.0"));
    for (int i = 1; i <= n; i += 1 + random.nextInt(4)) {
      links.add(new Link(nextId++, "lan-" + i, i, LAN, 1 + random.nextInt(5), 0, LinkState.UP, "0.0.0.0"));
    }
    return NetworkState.of(LINEAGE, 1, Instant.EPOCH, nodes, links, prefixes, List.of(), Map.of());
  }

  private Link link(int a, int b, Random random) {
    int cost = 1 + random.nextInt(4);
    int back = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : cost;
    return new Link(nextId++, "l" + nextId, a, b, cost, back, LinkState.UP, "0.0.0.0");
  }

  private StubPrefix prefix(int router, Random random) {
    int id = nextId++;
    return new StubPrefix(id, Prefix.of(new byte[] {10, (byte) (id >> 8), (byte) id, 0}, 24), router,
        random.nextInt(3), "0.0.0.0");
  }

  private TopologyEvent randomChange(Random random, NetworkState s) {
    List<Link> links = new ArrayList<>(s.links().values());
    List<Integer> routers = routers(s);
    Link l = links.get(random.nextInt(links.size()));
    int kind = random.nextInt(10);
    return switch (kind) {
      case 0, 1, 2, 3 -> new TopologyEvent.LinkCostChanged(l.id(), 1 + random.nextInt(5),
          l.b() == LAN ? 0 : 1 + random.nextInt(5));
      case 4, 5 -> new TopologyEvent.LinkStateChanged(l.id(), l.isUp() ? LinkState.DOWN : LinkState.UP);
      case 6 -> links.size() > routers.size() ? new TopologyEvent.LinkRemoved(l.id())
          : new TopologyEvent.LinkCostChanged(l.id(), 2, l.b() == LAN ? 0 : 2);
      case 7 -> {
        int a = routers.get(random.nextInt(routers.size()));
        int b = routers.get(random.nextInt(routers.size()));
        yield a == b ? new TopologyEvent.LinkStateChanged(l.id(), LinkState.UP)
            : new TopologyEvent.LinkAdded(link(a, b, random));
      }
      case 8 -> new TopologyEvent.PrefixAdded(prefix(routers.get(random.nextInt(routers.size())), random));
      default -> {
        List<StubPrefix> ps = new ArrayList<>(s.prefixes().values());
        yield ps.size() > 2 ? new TopologyEvent.PrefixRemoved(ps.get(random.nextInt(ps.size())).id())
            : new TopologyEvent.LinkStateChanged(l.id(), LinkState.UP);
      }
    };
  }
}
