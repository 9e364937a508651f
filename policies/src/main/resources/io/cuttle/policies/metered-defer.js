// Defer updates and backups (block them) while the path to the update servers is
// metered or costs more than a price per GB; they resume when it is cheap again.

function expensive(net) {
  const path = net.pathTo(params.destination);
  return path.usesLabel(params.label)
      || path.links.some(name => (net.link(name).cost || 0) > params.maxPrice);
}

function exception(net) {
  return expensive(net);
}

function fire(net, host) {
  report('deferred-because', net.pathTo(params.destination).links.join(' '));
  register(handler);
}

function handler(net, host) {
  if (!exception(net)) {
    removeAllRestrictions(); deregister(handler); return;
  }
  for (const app of host.apps)
    if (params.classes.includes(app.class)) block(app);
}
