package io.cuttle.netstate.model;

/** The scalar fields of a {@link LinkAnnotation} a patch can clear. */
public enum AnnotationField {
  CAPACITY,
  LOAD_AB,
  LOAD_BA,
  COST
}
