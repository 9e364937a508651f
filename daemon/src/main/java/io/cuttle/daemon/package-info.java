/**
 * The Cuttle daemon that runs on every host: {@link io.cuttle.daemon.Daemon} wires the state
 * file, the state keeper, the subscription to the controllers, the periodic reports and the
 * admin endpoint ({@code /metrics}, {@code /state}) together; {@code cuttle daemon run} runs it
 * from a {@code daemon.yaml}.
 */
package io.cuttle.daemon;
