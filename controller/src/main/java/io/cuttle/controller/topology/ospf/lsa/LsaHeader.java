package io.cuttle.controller.topology.ospf.lsa;

/**
 * The 20-byte header every LSA starts with (RFC 2328 A.4.1). Addresses and ids are 32-bit
 * numbers in network order, as {@code int}s.
 */
public record LsaHeader(int age, int options, int type, int linkStateId, int advertisingRouter,
    int sequence, int checksum, int length) {
  public static final int SIZE = 20;
  /** An LSA of this age is being flushed from the routing domain. */
  public static final int MAX_AGE = 3600;

  /** The LSA's identity in its flooding scope: type, link state id and advertising router. */
  public String key() {
    return type + "/" + Ipv4.text(linkStateId) + "/" + Ipv4.text(advertisingRouter);
  }
}
