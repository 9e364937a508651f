package io.cuttle.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.synthetic.RandomChanges;
import io.cuttle.controller.topology.synthetic.SyntheticTopology;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopologyStoreTest {
  private static final Lineage LINEAGE = new Lineage(7, Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:10:00.123456Z"), ZoneOffset.UTC);
  private final TopologyStore store = new TopologyStore(LINEAGE, clock, 64);
  private final TopologySpec spec = SyntheticTopology.generate(20, 30, new Random(1));

  @Test
  void firstSpecBuildsTheStateAndReapplyingItChangesNothing() {
    CommitResult r = store.apply(spec);
    assertThat(r).isInstanceOf(CommitResult.Committed.class);
    NetworkState s = store.current();
    assertThat(s.nodes()).hasSize(20);
    assertThat(s.links()).hasSize(30);
    assertThat(s.prefixes()).hasSize(20);
    assertThat(s.sites()).hasSize(2);
    assertThat(s.annotations()).hasSize(30);
    assertThat(s.at()).isEqualTo(Instant.parse("2026-01-01T00:10:00.123Z"));

    CommitResult again = store.apply(spec);
    assertThat(((CommitResult.Committed) again).deltas()).isEmpty();
    assertThat(store.current()).isSameAs(s);
  }

  @Test
  void linkCostsNamedByLinkCommitOneEventEachWithTheEndsOriented() {
    store.apply(spec);
    NetworkState before = store.current();
    LinkSpec l = spec.links().get(3);
    LinkSpec reversed = new LinkSpec(l.name(), l.b(), l.a(), l.costBa() + 7, l.costAb(), l.state(), l.area());
    CommitResult.Committed r = (CommitResult.Committed) store.applyLinkCosts(List.of(reversed, spec.links().get(4)));
    assertThat(r.deltas()).hasSize(1); // link 4 is unchanged
    TopologyEvent.LinkCostChanged e = (TopologyEvent.LinkCostChanged) r.deltas().get(0).event();
    assertThat(e.link()).isEqualTo(before.linkNamed(l.name()).orElseThrow().id());
    assertThat(e.costAb()).isEqualTo(l.costAb());
    assertThat(e.costBa()).isEqualTo(l.costBa() + 7);
  }

  @Test
  void linkCostsForUnknownLinksOrOtherEndsAreRejectedWhole() {
    store.apply(spec);
    NetworkState before = store.current();
    LinkSpec l = spec.links().get(3);
    LinkSpec cheaper = new LinkSpec(l.name(), l.a(), l.b(), l.costAb() + 1, l.costBa(), l.state(), l.area());
    LinkSpec unknown = new LinkSpec("nope", l.a(), l.b(), 1, 1, l.state(), l.area());
    CommitResult r = store.applyLinkCosts(List.of(cheaper, unknown));
    assertThat(r).isInstanceOf(CommitResult.Rejected.class);
    assertThat(((CommitResult.Rejected) r).problems()).containsExactly(
        "link 'nope': expected a link of version " + before.version() + ", got none");
    LinkSpec elsewhere = new LinkSpec(l.name(), l.a(), "somewhere", 1, 1, l.state(), l.area());
    assertThat(store.applyLinkCosts(List.of(elsewhere))).isInstanceOf(CommitResult.Rejected.class);
    LinkSpec down = new LinkSpec(l.name(), l.a(), l.b(), 1, 1, LinkState.DOWN, l.area());
    assertThat(store.applyLinkCosts(List.of(down))).isInstanceOf(CommitResult.Rejected.class);
    assertThat(store.current()).isSameAs(before);
  }

  /** A network without sites (a removed uplink would make a change inapplicable on its own). */
  private TopologySpec noSites() {
    return spec.withSites(List.of()).withAnnotations(java.util.Map.of());
  }

  @Test
  void aStructuralChangeCommitsTypedEventsEqualToTheWholeSpec() {
    TopologySpec base = noSites();
    store.apply(base);
    // A router goes: its links and prefixes with it; a new router comes with a link and a prefix.
    String gone = base.routers().get(5).name();
    List<LinkSpec> goneLinks = base.links().stream().filter(l -> l.a().equals(gone) || l.b().equals(gone)).toList();
    List<TopologySpec.PrefixSpec> gonePrefixes = base.prefixes().stream().filter(p -> p.router().equals(gone)).toList();
    TopologySpec.RouterSpec added = new TopologySpec.RouterSpec("new-router", 4242, java.util.Set.of("0.0.0.0"));
    LinkSpec addedLink = new LinkSpec("new-link", base.routers().get(0).name(), "new-router", 3, 4, LinkState.UP,
        "0.0.0.0");
    TopologySpec.PrefixSpec addedPrefix = new TopologySpec.PrefixSpec(
        io.cuttle.netstate.model.Prefix.parse("203.0.113.0/24"), "new-router", 9, "0.0.0.0");
    List<TopologySpec.RouterSpec> routers = new ArrayList<>(base.routers());
    routers.removeIf(r -> r.name().equals(gone));
    routers.add(added);
    List<LinkSpec> links = new ArrayList<>(base.links());
    links.removeAll(goneLinks);
    links.add(addedLink);
    List<TopologySpec.PrefixSpec> prefixes = new ArrayList<>(base.prefixes());
    prefixes.removeAll(gonePrefixes);
    prefixes.add(addedPrefix);
    TopologySpec next = new TopologySpec(routers, base.networks(), links, prefixes, List.of(), java.util.Map.of());
    io.cuttle.controller.topology.SpecChange change = new io.cuttle.controller.topology.SpecChange(base, List.of(),
        List.of(), new io.cuttle.controller.topology.SpecChange.Structure(List.of(added), List.of(gone), List.of(),
        List.of(), List.of(addedLink), goneLinks.stream().map(LinkSpec::name).toList(), List.of(addedPrefix),
        gonePrefixes));

    CommitResult.Committed r = (CommitResult.Committed) store.applyChange(change);

    assertThat(r.deltas()).extracting(d -> d.event().getClass().getSimpleName()).containsSubsequence(
        "PrefixRemoved", "LinkRemoved", "NodeRemoved", "RouterAdded", "LinkAdded", "PrefixAdded");
    TopologyStore whole = new TopologyStore(LINEAGE, clock, 64);
    whole.apply(base);
    whole.apply(next);
    assertThat(names(store.current())).isEqualTo(names(whole.current()));
  }

  @Test
  void aStructuralChangeThatDoesNotFitIsRejectedWhole() {
    TopologySpec base = noSites();
    store.apply(base);
    NetworkState before = store.current();
    String router = base.routers().get(5).name(); // removed, but its links are not
    io.cuttle.controller.topology.SpecChange change = new io.cuttle.controller.topology.SpecChange(base, List.of(),
        List.of(), new io.cuttle.controller.topology.SpecChange.Structure(List.of(), List.of(router), List.of(),
        List.of(), List.of(), List.of("no-such-link"), List.of(), List.of()));
    CommitResult r = store.applyChange(change);
    assertThat(r).isInstanceOf(CommitResult.Rejected.class);
    assertThat(((CommitResult.Rejected) r).problems()).containsExactly(
        "link 'no-such-link': expected a link of version " + before.version() + ", got none");
    io.cuttle.controller.topology.SpecChange stillLinked = new io.cuttle.controller.topology.SpecChange(base,
        List.of(), List.of(), new io.cuttle.controller.topology.SpecChange.Structure(List.of(), List.of(router),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    assertThat(store.applyChange(stillLinked)).isInstanceOf(CommitResult.Rejected.class);
    assertThat(store.current()).isSameAs(before);
  }

  /** Nodes, links (with ends and costs) and prefixes (with router and cost) by name. */
  private static java.util.Set<String> names(NetworkState s) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    s.nodes().values().forEach(n -> out.add("node " + n.name()));
    s.links().values().forEach(l -> out.add("link " + l.name() + " " + s.nodes().get(l.a()).name() + ">"
        + s.nodes().get(l.b()).name() + " " + l.costAb() + "/" + l.costBa() + " " + l.state()));
    s.prefixes().values().forEach(p -> out.add("prefix " + p.prefix() + "@" + s.nodes().get(p.router()).name() + " "
        + p.cost() + " " + p.area()));
    return out;
  }

  @Test
  void aCostChangeIsOneEventAndKeepsIds() {
    store.apply(spec);
    NetworkState before = store.current();
    List<LinkSpec> links = new ArrayList<>(spec.links());
    LinkSpec l = links.get(3);
    links.set(3, new LinkSpec(l.name(), l.a(), l.b(), l.costAb() + 1, l.costBa(), l.state(), l.area()));
    CommitResult.Committed r = (CommitResult.Committed) store.apply(new TopologySpec(spec.routers(), spec.networks(),
        links, spec.prefixes(), spec.sites(), spec.annotations()));
    assertThat(r.deltas()).hasSize(1);
    TopologyEvent.LinkCostChanged e = (TopologyEvent.LinkCostChanged) r.deltas().get(0).event();
    assertThat(e.link()).isEqualTo(before.linkNamed(l.name()).orElseThrow().id());
    assertThat(r.version()).isEqualTo(before.version() + 1);
  }

  @Test
  void invalidSpecIsRejectedWholeAndTheStateStays() {
    store.apply(spec);
    NetworkState before = store.current();
    List<LinkSpec> links = new ArrayList<>(spec.links());
    links.add(new LinkSpec("ghost", "r1", "nowhere", 5, 5, LinkState.UP, "0.0.0.0"));
    CommitResult r = store.apply(new TopologySpec(spec.routers(), spec.networks(), links, spec.prefixes(),
        spec.sites(), spec.annotations()));
    assertThat(r).isInstanceOf(CommitResult.Rejected.class);
    assertThat(((CommitResult.Rejected) r).problems()).containsExactly("link 'ghost': unknown node 'nowhere'");
    assertThat(store.current()).isSameAs(before);
  }

  @Test
  void removingAnUplinkChangesItsSiteFirstAndNeverRemovesIt() {
    store.apply(spec);
    NetworkState before = store.current();
    String uplink = spec.sites().get(0).uplinks().get(0).link();
    List<LinkSpec> links = new ArrayList<>(spec.links());
    links.removeIf(l -> l.name().equals(uplink));
    var sites = List.of(new TopologySpec.SiteSpec("site-0", spec.sites().get(0).prefixes(), List.of()),
        spec.sites().get(1));
    var ann = new java.util.LinkedHashMap<>(spec.annotations());
    ann.remove(uplink);
    CommitResult r = store.apply(new TopologySpec(spec.routers(), spec.networks(), links, spec.prefixes(), sites, ann));
    assertThat(r).isInstanceOf(CommitResult.Committed.class);
    List<String> kinds = ((CommitResult.Committed) r).deltas().stream().map(d -> d.event().kind()).toList();
    assertThat(kinds).containsExactly("site-changed", "link-removed");
    assertThat(store.current().site("site-0").orElseThrow().uplinks()).isEmpty();
    NetworkState s = before;
    for (var d : ((CommitResult.Committed) r).deltas()) {
      s = s.apply(d);
      assertThat(s.site("site-0")).as("site-0 at version %d", s.version()).isPresent();
    }
  }

  @Test
  void randomChangesAlwaysCommitAndAreIdempotent() {
    store.apply(spec);
    RandomChanges changes = new RandomChanges(new Random(99));
    TopologySpec s = spec;
    for (int i = 0; i < 300; i++) {
      s = changes.next(s);
      CommitResult r = store.apply(s);
      assertThat(r).as("change %d", i).isInstanceOf(CommitResult.Committed.class);
      assertThat(((CommitResult.Committed) store.apply(s)).deltas()).as("re-apply of change %d", i).isEmpty();
    }
  }

  @Test
  void historyAnswersWhatItStillHolds() {
    TopologyStore small = new TopologyStore(LINEAGE, clock, 4);
    small.apply(spec);
    long v = small.current().version();
    assertThat(small.deltasSince(LINEAGE, v)).contains(List.of());
    RandomChanges changes = new RandomChanges(new Random(5));
    TopologySpec s = spec;
    while (small.current().version() < v + 3) {
      s = changes.next(s);
      small.apply(s);
    }
    List<Delta> since = small.deltasSince(LINEAGE, v).orElseThrow();
    assertThat(since).extracting(Delta::version).startsWith(v + 1).endsWith(small.current().version());
    assertThat(small.deltasSince(LINEAGE, 1)).isEmpty();
    assertThat(small.deltasSince(new Lineage(8, LINEAGE.epoch()), v)).isEmpty();
    assertThat(small.deltasSince(LINEAGE, small.current().version() + 1)).isEmpty();
  }
}
