package io.cuttle.host.model;

/** Transport protocol of a flow. */
public enum Protocol {
  TCP,
  UDP
}
