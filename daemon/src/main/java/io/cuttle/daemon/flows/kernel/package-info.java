/**
 * Kernel-side flow accounting through an nftables table the accounting owns: dynamic sets keyed
 * by UDP 5-tuple whose elements count packets and bytes in the kernel (read once per tick, so
 * UDP volumes need no per-packet work in the daemon), and a set that records each new outgoing
 * TCP connection's socket uid and cgroup when its SYN leaves (so a connection that closes before
 * any socket dump sees it still has a known origin). Installed at start, removed on stop.
 */
package io.cuttle.daemon.flows.kernel;
