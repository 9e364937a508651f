package io.cuttle.bench.policy;

import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.conflict.Claim;
import io.cuttle.policy.conflict.ConflictResolver;
import io.cuttle.policy.conflict.Resolution;
import io.cuttle.netstate.path.SiteLoad;
import java.util.ArrayList;
import java.util.List;

/** The Fig. 8 handler's logic written directly in Java, producing the same resolution the engine does. */
final class JavaFig8 {
  private final List<String> sites;
  private final double threshold;
  private boolean registered;

  JavaFig8(List<String> sites, double threshold) {
    this.sites = List.copyOf(sites);
    this.threshold = threshold;
  }

  private boolean exception(NetworkState net) {
    for (String s : sites) {
      if (net.paths().siteLoad(s).map(SiteLoad::upstreamBps).orElse(0L) > threshold) {
        return true;
      }
    }
    return false;
  }

  /** One run: the lifecycle and the restrictions, resolved as the engine would. */
  Resolution run(NetworkState net, HostSnapshot host) {
    if (!registered) {
      if (!exception(net)) {
        return Resolution.EMPTY;
      }
      registered = true;
    }
    if (!exception(net)) {
      registered = false;
      return Resolution.EMPTY;
    }
    List<Claim> claims = new ArrayList<>();
    for (String s : sites) {
      double ratio = threshold / net.paths().siteLoad(s).orElseThrow().upstreamBps();
      for (AppUsage app : host.apps()) {
        if (app.appClass().equals("low-priority") && app.rate().upBps() > 0) {
          claims.add(new Claim("fig8-java", 0, app.app(), ActionKind.LIMIT_UP,
              (long) Math.floor(app.rate().upBps() * ratio)));
        }
      }
    }
    return ConflictResolver.resolve(claims);
  }
}
