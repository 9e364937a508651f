package io.cuttle.policy.api;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The events between two versions of the network state, by comparing them link by link and site by site. */
public final class StateDiff {
  private StateDiff() {}

  /** What changed from {@code before} to {@code after}; everything is "added" when {@code before} is another lineage. */
  public static List<NetEvent> between(NetworkState before, NetworkState after) {
    List<NetEvent> out = new ArrayList<>();
    if (before == after || before.equals(after)) {
      return out;
    }
    Map<Integer, Link> old = before.lineage().equals(after.lineage()) ? before.links() : Map.of();
    for (Link l : after.links().values()) {
      Link o = old.get(l.id());
      if (o == null) {
        out.add(new NetEvent("link-added", l.name()));
        continue;
      }
      if (o.state() != l.state()) {
        out.add(new NetEvent(l.isUp() ? "link-up" : "link-down", l.name()));
      }
      if (o.costAb() != l.costAb() || o.costBa() != l.costBa()) {
        out.add(new NetEvent("cost-changed", l.name()));
      }
      LinkAnnotation oa = before.annotation(l.id());
      LinkAnnotation na = after.annotation(l.id());
      if (!oa.labels().equals(na.labels())) {
        out.add(new NetEvent("labels-changed", l.name()));
      }
    }
    for (Link o : old.values()) {
      if (!after.links().containsKey(o.id())) {
        out.add(new NetEvent("link-removed", o.name()));
      }
    }
    for (Site s : after.sites().values()) {
      if (!s.equals(before.sites().get(s.name()))) {
        out.add(new NetEvent("site-changed", s.name()));
      }
    }
    return out;
  }
}
