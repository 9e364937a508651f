/**
 * Flow accounting proper: the per-5-tuple {@link io.cuttle.daemon.flows.accounting.FlowTable},
 * socket owners ({@link io.cuttle.daemon.flows.accounting.Attributor},
 * {@link io.cuttle.daemon.flows.accounting.Owner}: correct or unknown, never a guess), app rules
 * ({@link io.cuttle.daemon.flows.accounting.AppClassifier}), rates over windows and the
 * per-tick {@link io.cuttle.host.model.HostSnapshot}. Nothing here reads the clock; only the Attributor reads {@code /proc}.
 */
package io.cuttle.daemon.flows.accounting;
