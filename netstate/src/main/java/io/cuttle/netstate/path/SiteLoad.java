package io.cuttle.netstate.path;

import java.util.OptionalDouble;

/**
 * Load on a site's uplinks, summed over the uplinks that are up and measured.
 *
 * @param upstreamBps   traffic leaving the site (inside end to outside end)
 * @param downstreamBps traffic entering the site
 * @param capacityBps   summed capacity of the uplinks that are up and have a known capacity
 * @param uplinksUp     uplinks that are up
 * @param uplinksTotal  uplinks declared for the site
 * @param unmeasured    uplinks that are up but have no load measurement
 */
public record SiteLoad(String site, long upstreamBps, long downstreamBps, long capacityBps,
    int uplinksUp, int uplinksTotal, int unmeasured) {

  /** Upstream load / capacity, when the capacity is known. */
  public OptionalDouble upstreamUtilisation() {
    return capacityBps > 0 ? OptionalDouble.of((double) upstreamBps / capacityBps) : OptionalDouble.empty();
  }

  public OptionalDouble downstreamUtilisation() {
    return capacityBps > 0 ? OptionalDouble.of((double) downstreamBps / capacityBps) : OptionalDouble.empty();
  }
}
