/**
 * Per-application flow accounting in the daemon: {@link io.cuttle.daemon.flows.FlowAccounting}
 * ties sock_diag ({@code .netlink}), {@code /proc} ({@code .proc}), packet capture
 * ({@code .capture}) and the flow table ({@code .accounting}) together and produces one
 * {@link io.cuttle.host.model.HostSnapshot} per tick; {@link io.cuttle.daemon.flows.FlowsStarter}
 * checks privileges and says why accounting is off when it is.
 */
package io.cuttle.daemon.flows;
