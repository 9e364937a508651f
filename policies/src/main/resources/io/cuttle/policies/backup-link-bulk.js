// While this host's traffic to other sites crosses a backup link, block bulk transfers.

function exception(net) {
  return net.usesLabel(params.label);
}

function fire(net, host) {
  register(handler);
}

function handler(net, host) {
  if (!exception(net)) {
    removeAllRestrictions(); deregister(handler); return;
  }
  for (const app of host.apps)
    if (app.is(params.bulkClass)) block(app);
}
