package io.cuttle.policy.sandbox;

/** Why a handler failed. */
public enum FailureKind {
  /** The script does not parse. */
  SYNTAX,
  /** The script threw an exception that it did not catch (including stack overflow). */
  THROWN,
  /** The script used the API wrongly (wrong argument, action in the predicate, ...). */
  API_MISUSE,
  /** The script lacks a required function, or one is not a function. */
  MISSING_FUNCTION,
  /** The script ran more statements in one call than the statement limit allows. */
  STATEMENT_LIMIT,
  /** One call ran longer than the time budget; the watchdog cancelled it. */
  TIME_BUDGET,
  /** One call allocated more than the memory budget; the watchdog cancelled it. */
  MEMORY_BUDGET,
  /** The script's context was closed (unloaded, or cancelled earlier). */
  CLOSED,
  /** The engine itself failed while running the handler. */
  INTERNAL
}
