package io.cuttle.controller.store;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Node;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The annotation each link of a state should have according to a spec, in the state's
 * orientation of the link (a spec may name a link's ends the other way round), and the patch that
 * gets a link there.
 */
public final class AnnotationTargets {
  private AnnotationTargets() {}

  /**
   * Targets by link id for every link of {@code spec} that {@code state} holds. A link the spec
   * annotates with nothing gets {@link LinkAnnotation#EMPTY}: its annotation is cleared.
   */
  public static Map<Integer, LinkAnnotation> of(NetworkState state, TopologySpec spec) {
    Map<Integer, LinkAnnotation> out = new HashMap<>();
    for (LinkSpec s : spec.links()) {
      Optional<Link> link = state.linkNamed(s.name());
      if (link.isEmpty()) {
        continue;
      }
      String stateA = state.node(link.get().a()).map(Node::name).orElse("");
      out.put(link.get().id(), oriented(spec.annotations().getOrDefault(s.name(), LinkAnnotation.EMPTY),
          !stateA.equals(s.a())));
    }
    return out;
  }

  /** {@code a} with millisecond measurement time, its directions swapped when {@code flip}. */
  static LinkAnnotation oriented(LinkAnnotation a, boolean flip) {
    return new LinkAnnotation(a.capacityBps(), flip ? a.loadBaBps() : a.loadAbBps(),
        flip ? a.loadAbBps() : a.loadBaBps(), a.costMicros(), a.labels(), a.counters(),
        a.measuredAt().map(t -> t.truncatedTo(ChronoUnit.MILLIS)));
  }

  /**
   * The patch from {@code before} to {@code after}, or empty when nothing changes. A target
   * without a measurement time whose values equal the current ones changes nothing: its source
   * does not time its values.
   */
  static Optional<AnnotationPatch> patch(int link, LinkAnnotation before, LinkAnnotation after, Instant roundAt) {
    if (after.measuredAt().isEmpty() && new LinkAnnotation(after.capacityBps(), after.loadAbBps(),
        after.loadBaBps(), after.costMicros(), after.labels(), after.counters(), before.measuredAt()).equals(before)) {
      return Optional.empty();
    }
    return AnnotationPatch.between(link, before, after, roundAt);
  }
}
