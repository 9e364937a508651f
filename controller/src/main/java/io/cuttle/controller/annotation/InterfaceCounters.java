package io.cuttle.controller.annotation;

import java.util.OptionalLong;

/**
 * The counters of one interface as an agent reported them.
 *
 * @param ifIndex   the interface's index in the agent's IF-MIB
 * @param inOctets  {@code ifHCInOctets}, an unsigned 64-bit counter
 * @param outOctets {@code ifHCOutOctets}, an unsigned 64-bit counter
 * @param speedBps  {@code ifHighSpeed} in bit/s; empty when the agent reports 0 or nothing
 */
public record InterfaceCounters(int ifIndex, long inOctets, long outOctets, OptionalLong speedBps) {
  public InterfaceCounters {
    if (speedBps == null) {
      throw new NullPointerException("speedBps");
    }
  }
}
