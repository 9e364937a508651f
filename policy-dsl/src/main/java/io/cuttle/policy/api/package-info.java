/**
 * What a handler script sees and can do: the read-only {@code net} and {@code host} objects
 * (views over one {@link io.cuttle.netstate.model.NetworkState} version and one
 * {@link io.cuttle.host.model.HostSnapshot}, computed lazily) and the global action functions
 * ({@code restrict}, {@code block}, {@code mark}, {@code notify}, {@code report},
 * {@code register}, ...), which only record intentions in an {@link io.cuttle.policy.api.ActionSink}.
 * Only the members listed here exist for scripts; anything else is refused.
 */
package io.cuttle.policy.api;
