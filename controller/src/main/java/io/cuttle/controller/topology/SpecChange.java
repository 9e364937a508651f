package io.cuttle.controller.topology;

import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.NetworkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import java.util.List;
import java.util.Objects;

/**
 * How a spec differs from the one its provider delivered before ({@code base}): {@code links} are
 * the new descriptions of the links whose costs changed (same names, ends, areas and states as in
 * {@code base}), {@code prefixes} those of the prefixes whose costs changed (same prefix, router
 * and area), and {@code structure} what appeared or disappeared. Lets the store commit a change
 * without comparing whole descriptions of the network.
 */
public record SpecChange(TopologySpec base, List<LinkSpec> links, List<PrefixSpec> prefixes, Structure structure) {
  public SpecChange {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(structure, "structure");
    links = List.copyOf(links);
    prefixes = List.copyOf(prefixes);
  }

  /** A change of costs only. */
  public SpecChange(TopologySpec base, List<LinkSpec> links, List<PrefixSpec> prefixes) {
    this(base, links, prefixes, Structure.NONE);
  }

  /** A change of link costs only. */
  public SpecChange(TopologySpec base, List<LinkSpec> links) {
    this(base, links, List.of(), Structure.NONE);
  }

  /** Whether nothing appeared or disappeared (only costs changed). */
  public boolean costsOnly() {
    return structure.isEmpty();
  }

  /** The same change relative to another base (e.g. a spec composed over the provider's). */
  public SpecChange rebased(TopologySpec otherBase) {
    return new SpecChange(otherBase, links, prefixes, structure);
  }

  /**
   * What appeared, disappeared or changed other than costs: routers and networks added or
   * redescribed (by name) and removed (names), links added (names new to {@code base}) and removed
   * (names), prefix entries added and removed (as {@code base} held them). A link or prefix that
   * changed more than its costs is removed and added.
   */
  public record Structure(List<RouterSpec> routersUpserted, List<String> routersRemoved,
      List<NetworkSpec> networksUpserted, List<String> networksRemoved, List<LinkSpec> linksAdded,
      List<String> linksRemoved, List<PrefixSpec> prefixesAdded, List<PrefixSpec> prefixesRemoved) {
    public static final Structure NONE = new Structure(List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of());

    public Structure {
      routersUpserted = List.copyOf(routersUpserted);
      routersRemoved = List.copyOf(routersRemoved);
      networksUpserted = List.copyOf(networksUpserted);
      networksRemoved = List.copyOf(networksRemoved);
      linksAdded = List.copyOf(linksAdded);
      linksRemoved = List.copyOf(linksRemoved);
      prefixesAdded = List.copyOf(prefixesAdded);
      prefixesRemoved = List.copyOf(prefixesRemoved);
    }

    public boolean isEmpty() {
      return routersUpserted.isEmpty() && routersRemoved.isEmpty() && networksUpserted.isEmpty()
          && networksRemoved.isEmpty() && linksAdded.isEmpty() && linksRemoved.isEmpty() && prefixesAdded.isEmpty()
          && prefixesRemoved.isEmpty();
    }
  }
}
