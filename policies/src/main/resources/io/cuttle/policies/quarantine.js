// Security quarantine: the security team labels any link "quarantine:<app>"; every
// host blocks that application until the label is removed.

function quarantined(net) {
  const names = [];
  for (const link of net.linksWithLabel(params.marker))
    for (const label of link.labels)
      if (label.startsWith(params.prefix)) names.push(label.substring(params.prefix.length));
  return names;
}

function exception(net) {
  return quarantined(net).length > 0;
}

function fire(net, host) {
  register(handler);
}

function handler(net, host) {
  const names = quarantined(net);
  if (names.length === 0) {
    removeAllRestrictions(); deregister(handler); return;
  }
  removeAllRestrictions();
  for (const name of names) {
    block(name);
    report('quarantined', names.join(','));
  }
}
