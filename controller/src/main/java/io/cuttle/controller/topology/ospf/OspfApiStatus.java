package io.cuttle.controller.topology.ospf;

import java.time.Instant;

/**
 * Where the live provider stands, for operators and tests.
 *
 * @param state       what it is doing
 * @param detail      why (the last failure while disconnected)
 * @param since       when it entered {@code state}
 * @param sessions    sessions that completed a synchronisation so far
 * @param lsas        LSAs in the database
 * @param neighbors   neighbours of the listener in state Full
 * @param problems    malformed frames, messages and LSAs seen so far (each was skipped and logged)
 * @param unknownTypes messages of types this client does not interpret (ignored)
 */
public record OspfApiStatus(State state, String detail, Instant since, long sessions, int lsas, int neighbors,
    long problems, long unknownTypes) {
  public enum State {
    /** Not started yet. */
    IDLE,
    /** Opening the connections. */
    CONNECTING,
    /** Connected, database not complete yet: nothing is delivered. */
    SYNCHRONISING,
    /** Complete and following changes. */
    SYNCHRONISED,
    /** Connection lost or refused; the last complete graph stays in force while retrying. */
    DISCONNECTED,
    CLOSED
  }
}
