package io.cuttle.host.enforce;

/** The kinds of restriction a handler can ask for. */
public enum ActionKind {
  LIMIT_UP,
  LIMIT_DOWN,
  BLOCK,
  MARK
}
