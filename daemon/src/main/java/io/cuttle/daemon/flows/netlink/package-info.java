/**
 * Netlink sock_diag through JNA: socket dumps with TCP counters, inodes, uids and cgroup ids
 * ({@link io.cuttle.daemon.flows.netlink.SockDiag}), TCP destroy events with final counters, and
 * opening sockets inside another network namespace ({@link io.cuttle.daemon.flows.netlink.Netns}).
 */
package io.cuttle.daemon.flows.netlink;
