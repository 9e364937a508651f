package io.cuttle.controller.store;

/** Whether applying a spec also commits the annotations it carries. */
public enum AnnotationHandling {
  /** The spec's annotations are diffed and committed with the topology, as one round. */
  INCLUDED,
  /** Only the topology is applied; annotations are committed separately (paced). */
  LEFT_OUT
}
