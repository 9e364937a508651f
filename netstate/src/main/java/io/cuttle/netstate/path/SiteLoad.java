package io.cuttle.netstate.path;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.model.Uplink;
import java.util.OptionalDouble;
import java.util.OptionalLong;

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

  /** The load on {@code site}'s uplinks in {@code state}: a sum over its links, no path graph needed. */
  public static SiteLoad of(NetworkState state, Site site) {
    long up = 0;
    long down = 0;
    long cap = 0;
    int upCount = 0;
    int unmeasured = 0;
    for (Uplink u : site.uplinks()) {
      Link l = state.links().get(u.link());
      if (l == null || !l.isUp()) {
        continue;
      }
      upCount++;
      LinkAnnotation a = state.annotation(l.id());
      OptionalLong out = a.loadFrom(l, u.insideNode());
      OptionalLong in = a.loadFrom(l, l.otherEnd(u.insideNode()));
      if (out.isEmpty() && in.isEmpty()) {
        unmeasured++;
      }
      up += out.orElse(0);
      down += in.orElse(0);
      cap += a.capacityBps().orElse(0);
    }
    return new SiteLoad(site.name(), up, down, cap, upCount, site.uplinks().size(), unmeasured);
  }

  /** Upstream load / capacity, when the capacity is known. */
  public OptionalDouble upstreamUtilisation() {
    return capacityBps > 0 ? OptionalDouble.of((double) upstreamBps / capacityBps) : OptionalDouble.empty();
  }

  public OptionalDouble downstreamUtilisation() {
    return capacityBps > 0 ? OptionalDouble.of((double) downstreamBps / capacityBps) : OptionalDouble.empty();
  }
}
