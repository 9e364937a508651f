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
    PENDING,
    /**
     * No process held it any more, but every process in the cgroup the socket was created in
     * belonged to one app, run by the socket's user: the app of that cgroup (no PID).
     */
    CGROUP_SINGLE_APP,
    /** No process held it, and its cgroup held processes of several apps or users: unknown rather than a guess. */
    CGROUP_MIXED_APPS,
    /** No process held it, and its cgroup said nothing (root or unknown cgroup, gone, empty, or not looked at). */
    CGROUP_UNRESOLVED;

    /** The method this reason stands for. */
    public Method method() {
      return switch (this) {
        case SINGLE_PROCESS, SHARED_SAME_APP -> Method.SOCKET_OWNER;
        case CGROUP_SINGLE_APP -> Method.CGROUP;
        default -> Method.UNKNOWN;
      };
    }

    /** Whether the reason says only that the socket had no holder when looked for (no conflict seen). */
    public boolean lostHolders() {
      return this == NO_HOLDER || this == PENDING || this == CGROUP_MIXED_APPS || this == CGROUP_UNRESOLVED;
    }
  }

  /** How an owner was found. */
  public enum Method {
    /** From the processes holding the socket ({@code /proc/PID/fd}). */
    SOCKET_OWNER,
    /** From the single app of the cgroup the socket was created in. */
    CGROUP,
    /** Not found. */
    UNKNOWN
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

  /** How this owner was found. */
  public Method method() {
    return isKnown() ? reason.method() : Method.UNKNOWN;
  }

  public boolean isKnown() {
    return attribution.isKnown();
  }

  /** Same app and user (the PID may differ). */
  public boolean sameApp(Owner o) {
    return attribution.app().equals(o.attribution.app()) && attribution.user().equals(o.attribution.user());
  }
}
