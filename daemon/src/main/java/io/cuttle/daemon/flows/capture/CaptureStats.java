package io.cuttle.daemon.flows.capture;

/**
 * The capture's own count of what it saw and lost, from libpcap's statistics.
 *
 * @param received      packets that passed the filter
 * @param dropped       packets the kernel dropped because the capture buffer was full
 * @param droppedByIf   packets the interface dropped
 * @param parsed        packets whose headers were understood and counted
 */
public record CaptureStats(long received, long dropped, long droppedByIf, long parsed) {
  public static final CaptureStats NONE = new CaptureStats(0, 0, 0, 0);
}
