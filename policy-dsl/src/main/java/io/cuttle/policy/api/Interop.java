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
  private final Value hostBuilder;
  private Object lastSnapshot;
  private Value lastHost;

  /** From the prelude's value: {@code {toArray, host}}. */
  public Interop(Value prelude) {
    Objects.requireNonNull(prelude, "prelude");
    this.toArray = prelude.getMember("toArray");
    this.hostBuilder = prelude.getMember("host");
  }

  /**
   * The frozen JavaScript {@code host} object for a snapshot, built from its JSON once per
   * snapshot and reused while the snapshot stays the same.
   */
  public Value host(Object snapshot, java.util.function.Supplier<HostJson.Doc> doc) {
    if (snapshot != lastSnapshot || lastHost == null) {
      HostJson.Doc d = doc.get();
      lastHost = hostBuilder.execute(d.json(), d.flowsFunction());
      lastSnapshot = snapshot;
    }
    return lastHost;
  }

  /** The snapshot the last {@code host} view was built for; empty before the first. */
  public java.util.Optional<Object> builtFor() {
    return lastHost == null ? java.util.Optional.empty() : java.util.Optional.of(lastSnapshot);
  }

  /** A JavaScript array holding {@code items} (views, strings, numbers). */
  public Object array(List<?> items) {
    return toArray.execute(ProxyArray.fromList(List.copyOf(items)));
  }
}
