/**
 * End-to-end tests of the whole exception-handling loop: a controller serving network state, a
 * daemon with flow accounting, handlers and the Linux enforcement adapter acting inside a host
 * network namespace, and iperf3 traffic of applications of different classes, measured at the
 * receiver before, during and after a restriction. Every namespace, veth, cgroup and nft table
 * carries the test prefix and is removed at the end.
 */
package io.cuttle.e2e;
