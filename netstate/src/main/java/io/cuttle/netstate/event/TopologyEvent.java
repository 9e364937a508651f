package io.cuttle.netstate.event;

import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.Router;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.StubPrefix;
import io.cuttle.netstate.model.TransitNetwork;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change of the network state. Applying an event to version N yields version N+1.
 * Events refer to entities by their controller-assigned ids.
 */
public sealed interface TopologyEvent {

  /** A short kind name for logs, metrics and handler scripts ({@code link-state}, ...). */
  String kind();

  /** A link went up or down. */
  record LinkStateChanged(int link, LinkState state) implements TopologyEvent {
    public LinkStateChanged {
      Objects.requireNonNull(state, "state");
    }

    @Override
    public String kind() {
      return "link-state";
    }
  }

  /** A link's OSPF cost changed in one or both directions. */
  record LinkCostChanged(int link, int costAb, int costBa) implements TopologyEvent {
    @Override
    public String kind() {
      return "link-cost";
    }
  }

  /** One annotation round: the links whose annotations changed, with only what changed. */
  record AnnotationsUpdated(Instant measuredAt, List<AnnotationPatch> patches) implements TopologyEvent {
    public AnnotationsUpdated {
      Objects.requireNonNull(measuredAt, "measuredAt");
      patches = List.copyOf(patches);
    }

    @Override
    public String kind() {
      return "annotations";
    }
  }

  record PrefixAdded(StubPrefix prefix) implements TopologyEvent {
    @Override
    public String kind() {
      return "prefix-added";
    }
  }

  record PrefixRemoved(int prefix) implements TopologyEvent {
    @Override
    public String kind() {
      return "prefix-removed";
    }
  }

  record LinkAdded(Link link) implements TopologyEvent {
    @Override
    public String kind() {
      return "link-added";
    }
  }

  /** A link disappeared; its annotation goes with it. */
  record LinkRemoved(int link) implements TopologyEvent {
    @Override
    public String kind() {
      return "link-removed";
    }
  }

  /** A router appeared, or a known router's name or areas changed (same id). */
  record RouterAdded(Router router) implements TopologyEvent {
    @Override
    public String kind() {
      return "router-added";
    }
  }

  /** A transit network appeared, or a known one changed (same id). */
  record NetworkAdded(TransitNetwork network) implements TopologyEvent {
    @Override
    public String kind() {
      return "network-added";
    }
  }

  /** A router or transit network disappeared; it must no longer have links or prefixes. */
  record NodeRemoved(int node) implements TopologyEvent {
    @Override
    public String kind() {
      return "node-removed";
    }
  }

  /** A site was defined or redefined. */
  record SiteChanged(Site site) implements TopologyEvent {
    @Override
    public String kind() {
      return "site-changed";
    }
  }

  record SiteRemoved(String name) implements TopologyEvent {
    @Override
    public String kind() {
      return "site-removed";
    }
  }
}
