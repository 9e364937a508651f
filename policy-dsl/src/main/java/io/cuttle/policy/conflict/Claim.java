package io.cuttle.policy.conflict;

import io.cuttle.host.enforce.ActionKind;
import java.util.Objects;

/**
 * One handler's request of one kind for one app: a limit in bit/s ({@code LIMIT_UP}/{@code LIMIT_DOWN}),
 * a DSCP value ({@code MARK}) or a block (value 1).
 */
public record Claim(String handler, int priority, String app, ActionKind kind, long value) {
  public Claim {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(kind, "kind");
  }
}
