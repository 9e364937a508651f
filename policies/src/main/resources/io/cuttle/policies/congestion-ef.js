// While a site's upstream is congested, mark interactive applications DSCP EF so the
// network can keep their latency low.

function congested(net) {
  return params.sites.some(s => (net.site(s).upstream.utilisation || 0) > params.utilisation);
}

function exception(net) {
  return congested(net);
}

function fire(net, host) {
  register(handler);
}

function handler(net, host) {
  if (!exception(net)) {
    removeAllRestrictions(); deregister(handler); return;
  }
  for (const app of host.apps)
    if (app.is('interactive')) mark(app, 'EF');
}
