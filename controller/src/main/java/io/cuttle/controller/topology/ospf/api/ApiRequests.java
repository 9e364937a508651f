package io.cuttle.controller.topology.ospf.api;

import java.nio.ByteBuffer;

/** Requests this client sends: register for and synchronise every LSA type, in every area. */
public final class ApiRequests {
  /** Origin filter value: self-originated and others' LSAs. */
  static final int ANY_ORIGIN = 2;

  private ApiRequests() {}

  /** An LSA filter: type mask (bit t for LSA type t: all), any origin, no area restriction. */
  static byte[] allLsas() {
    return ByteBuffer.allocate(4).putShort((short) 0xffff).put((byte) ANY_ORIGIN).put((byte) 0).array();
  }

  public static ApiFrame registerEvent(long seq) {
    return new ApiFrame(ApiMessage.REGISTER_EVENT, seq, allLsas());
  }

  public static ApiFrame syncLsdb(long seq) {
    return new ApiFrame(ApiMessage.SYNC_LSDB, seq, allLsas());
  }

  /**
   * A body for requests that take no arguments. ospfd (FRR 8.4) aborts on a message with an
   * empty body (it asserts on a zero-sized buffer), so these carry four zero bytes it ignores.
   */
  private static byte[] noArguments() {
    return new byte[4];
  }

  public static ApiFrame syncNsm(long seq) {
    return new ApiFrame(ApiMessage.SYNC_NSM, seq, noArguments());
  }

  public static ApiFrame syncRouterId(long seq) {
    return new ApiFrame(ApiMessage.SYNC_ROUTER_ID, seq, noArguments());
  }
}
