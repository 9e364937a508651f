/**
 * Typed changes of the network state: each {@link io.cuttle.netstate.event.TopologyEvent}
 * committed as a {@link io.cuttle.netstate.event.Delta} moves the state from version N to N+1.
 */
package io.cuttle.netstate.event;
