/**
 * The daemon's periodic {@code Report} to its current controller: what goes into a
 * {@code HostReport} ({@link io.cuttle.daemon.report.HostReports}) and the scheduled sender
 * ({@link io.cuttle.daemon.report.StatusReporter}) that keeps the last failure for the next report.
 */
package io.cuttle.daemon.report;
