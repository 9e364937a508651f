package io.cuttle.controller.annotation;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One poll of one agent: the counters of every interface that has an IP address, keyed by that
 * address (an interface with several addresses appears once per address).
 *
 * @param at          when the counters were read (middle of the request/response exchange)
 * @param upTimeTicks the agent's {@code sysUpTime} in hundredths of a second; a smaller value than
 *                    in the previous sample means the agent restarted and its counters began anew
 */
public record AgentSample(Instant at, long upTimeTicks, Map<InetAddress, InterfaceCounters> byAddress) {
  public AgentSample {
    Objects.requireNonNull(at, "at");
    byAddress = Collections.unmodifiableMap(new LinkedHashMap<>(byAddress));
  }
}
