/**
 * The daemon's side of enforcement: {@link io.cuttle.daemon.enforce.EnforcementBridge} hands the
 * handlers' desired state to the operating-system adapter chosen at start-up, with the processes
 * the flow accounting attributes to each application, and keeps the latest outcome for reports.
 */
package io.cuttle.daemon.enforce;
