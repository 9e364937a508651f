package io.cuttle.policy.api;

import java.util.List;
import java.util.Objects;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/** Makes real JavaScript arrays in a handler's context, so scripts can use {@code map}, {@code some}, ... on them. */
public final class Interop {
  /** JavaScript source of the converter each context evaluates once. */
  public static final String CONVERTER = "(function (p) { return Array.from(p); })";

  private final Value toArray;

  public Interop(Value toArray) {
    this.toArray = Objects.requireNonNull(toArray, "toArray");
  }

  /** A JavaScript array holding {@code items} (views, strings, numbers). */
  public Object array(List<?> items) {
    return toArray.execute(ProxyArray.fromList(List.copyOf(items)));
  }
}
