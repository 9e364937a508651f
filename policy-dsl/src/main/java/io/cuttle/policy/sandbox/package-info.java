/**
 * The GraalJS sandbox: one {@code Context} per handler under {@code SandboxPolicy.CONSTRAINED}
 * with no host class, file, network, process or environment access, a statement limit, and a
 * {@link io.cuttle.policy.sandbox.Watchdog} that cancels a call overrunning its time or
 * allocation budget. Every call returns a {@link io.cuttle.policy.sandbox.CallResult}; guest
 * failures become a {@link io.cuttle.policy.sandbox.HandlerFailure} naming the line.
 */
package io.cuttle.policy.sandbox;
