package io.cuttle.controller.topology.ospf.api;

/** A decoded OSPF API message (FRR {@code ospf_api.h}); addresses are 32-bit numbers. */
public sealed interface ApiMessage {
  int REGISTER_EVENT = 3;
  int SYNC_LSDB = 4;
  int SYNC_NSM = 9;
  int SYNC_ROUTER_ID = 19;
  int REPLY = 10;
  int READY_NOTIFY = 11;
  int LSA_UPDATE_NOTIFY = 12;
  int LSA_DELETE_NOTIFY = 13;
  int NEW_IF = 14;
  int DEL_IF = 15;
  int ISM_CHANGE = 16;
  int NSM_CHANGE = 17;
  int REACHABLE_CHANGE = 18;
  int ROUTER_ID_CHANGE = 20;

  long sequence();

  /** The answer to a request; {@code error} 0 is success, negative values are FRR's error codes. */
  record Reply(long sequence, int error) implements ApiMessage {}

  /** An LSA installed ({@code deleted} false) or removed; {@code lsa} is the whole LSA. */
  record LsaChange(long sequence, boolean deleted, int interfaceAddress, int area, boolean selfOriginated,
      byte[] lsa) implements ApiMessage {
    public LsaChange {
      lsa = lsa.clone();
    }

    @Override
    public byte[] lsa() {
      return lsa.clone();
    }
  }

  /** An interface state machine change of the listener ({@code state} as in FRR's ISM). */
  record IsmChange(long sequence, int interfaceAddress, int area, int state) implements ApiMessage {}

  /** A neighbour state machine change ({@code state} 9 = Full, 1 = deleted, 2 = down). */
  record NsmChange(long sequence, int interfaceAddress, int neighborAddress, int neighborRouterId, int state)
      implements ApiMessage {
    public static final int FULL = 9;
  }

  /** The listener's router id (the answer to SYNC_ROUTER_ID, or a change). */
  record RouterIdChange(long sequence, int routerId) implements ApiMessage {}

  /** A message type this client does not interpret; ignored. */
  record Unknown(long sequence, int type, int bodyLength) implements ApiMessage {}
}
