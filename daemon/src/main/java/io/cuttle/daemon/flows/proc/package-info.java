/**
 * Processes from {@code /proc}: which processes hold which socket inodes
 * ({@link io.cuttle.daemon.flows.proc.ProcScanner}), and each process's executable, command line,
 * user, cgroup and systemd unit ({@link io.cuttle.daemon.flows.proc.ProcReader}), always checked
 * against the process's start time so that a reused PID is never taken for the process it replaced.
 */
package io.cuttle.daemon.flows.proc;
