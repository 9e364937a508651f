package io.cuttle.netstate.model;

import java.util.OptionalLong;

/** The scalar fields of a {@link LinkAnnotation} a patch can set or clear. */
public enum AnnotationField {
  CAPACITY,
  LOAD_AB,
  LOAD_BA,
  COST;

  /** This field among the four scalar values of an annotation or a patch. */
  OptionalLong of(OptionalLong capacity, OptionalLong loadAb, OptionalLong loadBa, OptionalLong cost) {
    return switch (this) {
      case CAPACITY -> capacity;
      case LOAD_AB -> loadAb;
      case LOAD_BA -> loadBa;
      case COST -> cost;
    };
  }
}
