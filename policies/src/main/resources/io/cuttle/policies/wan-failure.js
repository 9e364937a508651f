// When a WAN or datacenter link fails, hold non-critical applications to a small
// rate so that the remaining capacity goes to critical ones.

function exception(net) {
  return params.links.some(name => net.link(name) !== null && !net.link(name).up);
}

function fire(net, host) {
  register(handler);
}

function handler(net, host) {
  if (!exception(net)) {
    removeAllRestrictions(); deregister(handler); return;
  }
  for (const app of host.apps)
    if (!params.critical.includes(app.class)) restrict(app, { maxUp: params.limit, maxDown: params.limit });
}
