package io.cuttle.daemon.flows.accounting;

import io.cuttle.host.model.Attribution;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Who owns a socket, and why that is all that can be said.
 *
 * @param attribution app, user and PID (the PID only when exactly one process holds the socket)
 * @param appClass    the app's class; "unknown" with an unknown app
 * @param reason      how the owner was established, or why it is unknown
 */
public record Owner(Attribution attribution, String appClass, Reason reason) {
  /** How an owner was established. */
  public enum Reason {
    /** One process holds the socket. */
    SINGLE_PROCESS,
    /** Several processes (e.g. after a fork) hold it, all of the same app and user: the PID is left out. */
    SHARED_SAME_APP,
    /** Several processes of different apps or users hold it: unknown rather than a guess. */
    SHARED_DIFFERENT_APPS,
    /** No process held it when looked for (it had closed or its process exited). */
    NO_HOLDER,
    /** Holders changed from one app to another over the socket's life. */
    OWNER_CHANGED,
    /** Not looked up yet. */
    PENDING
  }

  public Owner {
    Objects.requireNonNull(attribution, "attribution");
    Objects.requireNonNull(appClass, "appClass");
    Objects.requireNonNull(reason, "reason");
  }

  public static Owner unknown(Reason why) {
    return new Owner(Attribution.unknown(), Attribution.UNKNOWN, why);
  }

  public static Owner of(AppIdentity id, OptionalInt pid, Reason why) {
    return new Owner(new Attribution(id.app(), id.user(), pid), id.appClass(), why);
  }

  public boolean isKnown() {
    return attribution.isKnown();
  }

  /** Same app and user (the PID may differ). */
  public boolean sameApp(Owner o) {
    return attribution.app().equals(o.attribution.app()) && attribution.user().equals(o.attribution.user());
  }
}
