/**
 * What handlers ask of the operating system: a {@link io.cuttle.host.enforce.DesiredState} of
 * per-application {@link io.cuttle.host.enforce.AppRestriction}s, and the
 * {@link io.cuttle.host.enforce.RestrictionOutcome} an adapter reports for each; and
 * {@link io.cuttle.host.enforce.AppProcesses}, which processes make up each application now.
 */
package io.cuttle.host.enforce;
