package io.cuttle.controller.status;

/** Whether a host is still reporting, judged by the time since its last report. */
public enum Liveness {
  /** Its last report is no older than the stale-after limit. */
  REPORTING,
  /** It has not reported for longer than the stale-after limit: it stopped, or cannot reach this controller. */
  STALE
}
