package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.store.CommitResult;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import java.time.Clock;
import java.time.Instant;

/** Test helpers around specs. */
public final class Specs {
  private Specs() {}

  /** The state a fresh store commits for {@code spec}; fails if the store rejects it. */
  public static NetworkState stateOf(TopologySpec spec) {
    TopologyStore store = new TopologyStore(new Lineage(1, Instant.EPOCH), Clock.systemUTC(), 16);
    CommitResult r = store.apply(spec);
    if (r instanceof CommitResult.Rejected x) {
      throw new AssertionError("store rejected the spec: " + x.problems());
    }
    return store.current();
  }

  public static OspfRoutes routes(TopologySpec spec) {
    return new OspfRoutes(stateOf(spec), spec.interfaces());
  }
}
