/**
 * The handler engine: loads handlers into their own sandboxes, runs the paper's lifecycle on
 * every state change and tick ({@code exception(net)} without side effects, {@code fire(net,
 * host)}, registered handlers until they deregister), reverts a handler's restrictions when it
 * deregisters, is unloaded or fails, resolves conflicts into one
 * {@link io.cuttle.host.enforce.DesiredState} and hands it to an
 * {@link io.cuttle.policy.engine.EnforcementService}. It never touches the operating system.
 */
package io.cuttle.policy.engine;
