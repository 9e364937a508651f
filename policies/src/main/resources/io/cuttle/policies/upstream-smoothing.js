// Fig. 8 of "Network Exception Handlers": smooth upstream traffic by rate-limiting
// low-priority applications while a watched site's upstream is busy.

function exception(net) {
  return params.sites.some(site => net.site(site).upstream.load > params.threshold);
}

function fire(net, host) {
  register(handler);
}

function handler(net, host) {
  if (!exception(net)) {
    removeAllRestrictions(); deregister(handler); return;
  }
  for (const site of params.sites) {
    const ratio = params.threshold / net.site(site).upstream.load;
    for (const app of host.apps)
      if (app.isLowPriority && app.up > 0) restrict(app, { maxUp: app.up * ratio });
  }
}
