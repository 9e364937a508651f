package io.cuttle.netstate.event;

/**
 * A delta does not fit the state it is applied to: wrong version, or it refers to an entity
 * that does not exist (or re-creates one that does). The holder of the state should resync
 * from a snapshot.
 */
public final class StateConflictException extends RuntimeException {
  public StateConflictException(String message) {
    super(message);
  }
}
