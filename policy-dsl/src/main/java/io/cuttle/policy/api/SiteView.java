package io.cuttle.policy.api;

import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Site;
import io.cuttle.netstate.path.SiteLoad;
import java.util.List;

/** A site: its uplinks' summed upstream and downstream load, capacity and utilisation. */
final class SiteView extends View {
  private final StateIndex index;
  private final NetworkState state;
  private final Site site;
  private SiteLoad load;

  SiteView(Interop js, StateIndex index, Site site) {
    super(js);
    this.index = index;
    this.state = index == null ? null : index.state();
    this.site = site;
  }

  @Override
  String typeName() {
    return "Site";
  }

  @Override
  List<String> names() {
    return List.of("name", "upstream", "downstream", "uplinksUp", "uplinksTotal", "unmeasured", "uplinks");
  }

  private SiteLoad load() {
    if (load == null) {
      load = index.siteLoad(site.name()).orElseThrow();
    }
    return load;
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "name" -> site.name();
      case "upstream" -> new LoadView(js, load().upstreamBps(), load().capacityBps());
      case "downstream" -> new LoadView(js, load().downstreamBps(), load().capacityBps());
      case "uplinksUp" -> load().uplinksUp();
      case "uplinksTotal" -> load().uplinksTotal();
      case "unmeasured" -> load().unmeasured();
      case "uplinks" -> js.array(site.uplinks().stream().map(u -> state.links().get(u.link()))
          .filter(java.util.Objects::nonNull).map(l -> new LinkView(js, state, l)).toList());
      default -> throw new IllegalStateException(key);
    };
  }
}
