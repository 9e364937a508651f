package io.cuttle.daemon.flows.kernel;

import java.util.List;

/**
 * One read of the accounting's nft table.
 *
 * @param udp          every UDP counter the kernel holds
 * @param origins      every recorded TCP connection origin, one per connection (the deepest cgroup level)
 * @param unrecorded   UDP datagrams no set could record (a set was full) since the table was made
 * @param problems     parts of the listing that could not be understood (skipped)
 * @param listed       whether the table was listed at all (false: nft failed or printed no JSON,
 *                     and the other fields say nothing about the kernel's counters)
 */
public record KernelReading(List<UdpCount> udp, List<ConnectionOrigin> origins, long unrecorded, List<String> problems,
    boolean listed) {
  public KernelReading {
    udp = List.copyOf(udp);
    origins = List.copyOf(origins);
    problems = List.copyOf(problems);
  }

  /** A listing that failed, with why. */
  public static KernelReading failed(String problem) {
    return new KernelReading(List.of(), List.of(), 0, List.of(problem), false);
  }
}
