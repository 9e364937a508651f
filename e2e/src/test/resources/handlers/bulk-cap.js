// While a watched link carries more than a threshold, cap the upload of bulk applications.

function exception(net) {
  const link = net.link(params.link);
  return link !== null && link.load !== null && link.load > params.threshold;
}

function fire(net, host) {
  register(handler);
}

function handler(net, host) {
  if (!exception(net)) {
    removeAllRestrictions(); deregister(handler); return;
  }
  for (const app of host.apps)
    if (app.is(params.bulkClass)) restrict(app, { maxUp: params.cap });
}
