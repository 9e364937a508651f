package io.cuttle.policy.conflict;

import io.cuttle.host.enforce.ActionKind;
import java.util.List;
import java.util.Objects;

/** Who owns one effective restriction (app, kind, value), and which handlers' claims it overrides. */
public record Ownership(String app, ActionKind kind, long value, String owner, List<Claim> overridden) {
  public Ownership {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(owner, "owner");
    overridden = List.copyOf(overridden);
  }
}
