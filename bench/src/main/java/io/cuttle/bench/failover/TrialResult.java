package io.cuttle.bench.failover;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One trial, every time in milliseconds after {@code ip link set wan down} was started on the
 * branch router (T0, just before the command's process is spawned). Stages that were not seen are absent.
 *
 * @param linkEvent the branch router's {@code ip monitor} printed the link going down
 * @param brRoute   the branch router's route to the data centre moved to the backup path
 * @param hubRoute  the hub's route back to the branch moved to the backup path
 * @param stages    the host's chain: LSA seen by the controller, first commit, the commit the handler
 *                  acted on, its receipt by the daemon, the first handler poll after the first receipt,
 *                  the desired state handed to enforcement, adapter reconcile start, nft rule in the
 *                  host's kernel, reconcile end; and the time of each command of that reconcile
 * @param recovery  after {@code ip link set wan up}: both routes back on the WAN, block removed (ms after the command)
 */
record TrialResult(int n, double linkEvent, double brRoute, double hubRoute, Map<String, Double> stages,
    Map<String, Double> recovery, double ipPipeLag) {
  static final String LSA = "lsa seen";
  static final String FIRST_COMMIT = "first commit";
  static final String COMMIT = "commit";
  static final String RECEIVED = "daemon received";
  static final String POLL = "handler poll";
  static final String DESIRED = "handler fired";
  static final String RECONCILE_START = "adapter start";
  static final String KERNEL = "kernel block";
  static final String RECONCILE_END = "adapter end";

  TrialResult {
    stages = new LinkedHashMap<>(stages);
    recovery = new LinkedHashMap<>(recovery);
  }

  /** Both routers rerouted: the later of the two route changes. */
  double rerouted() {
    return Math.max(brRoute, hubRoute);
  }

  OptionalDouble stage(String name) {
    Double v = stages.get(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  double kernel() {
    return stages.getOrDefault(KERNEL, Double.NaN);
  }
}
