// Fig. 8 of "Network Exception Handlers": smooth upstream traffic by rate-limiting
// low-priority applications while a watched site's upstream is busy.

// A site the network state does not (yet) hold, or one without a measured load, is not busy.
function upstream(net, site) {
  const s = net.site(site);
  return s === null || s.upstream.load === null ? 0 : s.upstream.load;
}

function exception(net) {
  return params.sites.some(site => upstream(net, site) > params.threshold);
}

function fire(net, host) {
  register(handler);
}

function handler(net, host) {
  if (!exception(net)) {
    removeAllRestrictions(); deregister(handler); return;
  }
  for (const site of params.sites) {
    const load = upstream(net, site);
    if (load <= params.threshold) continue;
    const ratio = params.threshold / load;
    for (const app of host.apps)
      if (app.isLowPriority && app.up > 0) restrict(app, { maxUp: app.up * ratio });
  }
}
