package io.cuttle.policy.api;

import org.graalvm.polyglot.Value;

/** Describes script values in "expected X, got Y" messages. */
final class Args {
  private Args() {}

  static String describe(Value v) {
    if (v == null || v.isNull()) {
      return v != null && v.toString().equals("undefined") ? "undefined" : "null";
    }
    if (v.isString()) {
      return "the string '" + v.asString() + "'";
    }
    if (v.isBoolean()) {
      return "the boolean " + v.asBoolean();
    }
    if (v.isNumber()) {
      return "the number " + v;
    }
    if (v.canExecute()) {
      return "a function";
    }
    if (v.hasArrayElements()) {
      return "an array";
    }
    if (v.isProxyObject()) {
      return "a " + v.asProxyObject();
    }
    return "an object " + v;
  }
}
