package io.cuttle.host.enforce;

/** What became of one requested restriction on this host, and why. */
public enum RestrictionOutcome {
  /** Installed in the operating system and verified there. */
  APPLIED,
  /** Installed with reduced fidelity (e.g. an ingress limit shaped per port); the detail says how. */
  PARTIAL,
  /** This operating system or adapter cannot express it. */
  UNSUPPORTED_ON_OS,
  /** The application has no running process to apply it to; it is applied when one starts. */
  APP_NOT_RUNNING,
  /** The kernel or OS refused the change; the detail carries its error. */
  KERNEL_REFUSED,
  /** Only planned (dry-run adapter); nothing was changed. */
  PLANNED,
  /** Removed because nothing asks for it any more. */
  REVERTED
}
