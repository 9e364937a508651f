package io.cuttle.policy.api;

import io.cuttle.policy.sandbox.ApiMisuse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A read-only object given to scripts. Members are computed on first read and kept for the rest
 * of the run; reading a member that does not exist or writing any member is an API misuse that
 * names the members that do exist.
 */
abstract class View implements ProxyObject {
  /** Members the JavaScript runtime itself probes (conversions, promises); they read as undefined. */
  private static final Set<String> PROBES = Set.of("toString", "valueOf", "toJSON", "then", "constructor",
      "inspect", "length", "prototype", "__proto__");

  protected final Interop js;
  private final Map<String, Object> cache = new HashMap<>();

  View(Interop js) {
    this.js = js;
  }

  /** The script-visible type name, for messages ({@code App}, {@code Link}, ...). */
  abstract String typeName();

  /** The member names, in documentation order. */
  abstract List<String> names();

  /** Computes member {@code key} (only called for names in {@link #names()}). */
  abstract Object compute(String key);

  @Override
  public final Object getMember(String key) {
    Object cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    if (!names().contains(key)) {
      if (PROBES.contains(key)) {
        return null;
      }
      throw new ApiMisuse(typeName() + "." + key + ": expected one of " + String.join(", ", names())
          + ", got '" + key + "'");
    }
    return cache.computeIfAbsent(key, this::compute);
  }

  @Override
  public final Object getMemberKeys() {
    return ProxyArray.fromList(List.copyOf(names()));
  }

  @Override
  public final boolean hasMember(String key) {
    return names().contains(key);
  }

  @Override
  public final void putMember(String key, Value value) {
    throw new ApiMisuse(typeName() + " is read-only: expected no assignment, got " + typeName() + "." + key + " = ...");
  }

  @Override
  public final boolean removeMember(String key) {
    throw new ApiMisuse(typeName() + " is read-only: expected no delete, got delete " + typeName() + "." + key);
  }

  /** A method member taking the given argument names. */
  static ProxyExecutable method(String name, int arity, java.util.function.Function<Value[], Object> body) {
    return args -> {
      if (args.length < arity) {
        throw new ApiMisuse(name + ": expected " + arity + " argument" + (arity == 1 ? "" : "s") + ", got "
            + args.length);
      }
      return body.apply(args);
    };
  }

  static String stringArg(String fn, Value v, String what) {
    if (v == null || !v.isString()) {
      throw new ApiMisuse(fn + ": " + what + ": expected a string, got " + Args.describe(v));
    }
    return v.asString();
  }

  static Object number(java.util.OptionalLong v) {
    return v.isPresent() ? (Object) (double) v.getAsLong() : null;
  }

  @Override
  public String toString() {
    return typeName();
  }
}
