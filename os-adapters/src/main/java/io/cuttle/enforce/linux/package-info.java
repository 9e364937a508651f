/**
 * The Linux adapter: each restricted app's processes go into a cgroup v2 the adapter owns; an
 * nftables table it owns matches their packets by {@code socket cgroupv2} (new sockets) and by an
 * exact 5-tuple set (sockets opened before the restriction) and rejects, DSCP-marks, or sets
 * {@code meta priority} to an HTB class the adapter owns on each egress interface; ingress is shaped
 * per local port on an IFB device. Every reconcile reads the kernel first, so a restart after a crash
 * converges to the desired state.
 */
package io.cuttle.enforce.linux;
