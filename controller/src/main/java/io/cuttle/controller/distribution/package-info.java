/**
 * Streaming the controller's state to daemons (the paper's "multicast to hosts"): the gRPC
 * {@code StateDistribution} service, one bounded queue per subscriber, shared pre-encoded
 * messages, snapshot-on-lag, heartbeats, and the intake of every host's status report.
 */
package io.cuttle.controller.distribution;
