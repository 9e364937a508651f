// Limit bulk applications while a site's upstream is congested, and tell each user
// whose traffic is limited why; tell them again when the limit is lifted.

let told = new Set();

function exception(net) {
  return (net.site(params.site).upstream.utilisation || 0) > params.utilisation;
}

function fire(net, host) {
  told = new Set();
  register(handler);
}

function handler(net, host) {
  if (!exception(net)) {
    for (const user of told)
      notify(user, 'The limit on your bulk transfers is lifted: ' + params.site + ' upstream is no longer congested.');
    removeAllRestrictions(); deregister(handler); return;
  }
  const used = Math.round(100 * net.site(params.site).upstream.utilisation);
  for (const app of host.apps.filter(a => a.is('bulk'))) {
    restrict(app, { maxUp: params.limit });
    if (app.user && !told.has(app.user)) {
      told.add(app.user);
      notify(app.user, app.name + ' is limited to ' + params.limit / Mbit + ' Mbit/s because the ' + params.site
          + ' upstream is ' + used + '% busy.');
    }
  }
}
