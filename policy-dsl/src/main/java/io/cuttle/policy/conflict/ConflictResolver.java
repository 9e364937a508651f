package io.cuttle.policy.conflict;

import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Resolves all handlers' claims into one {@link DesiredState}. For each app and kind the winning
 * claim is: for limits the lowest value; for a block any (all block the same); for a mark the
 * highest priority. Remaining ties go to the higher priority, then to the handler name that sorts
 * first, so the result never depends on load order.
 */
public final class ConflictResolver {
  private ConflictResolver() {}

  public static Resolution resolve(List<Claim> claims) {
    if (claims.isEmpty()) {
      return Resolution.EMPTY;
    }
    Map<String, Map<ActionKind, List<Claim>>> byApp = claims.stream().collect(Collectors.groupingBy(Claim::app,
        TreeMap::new, Collectors.groupingBy(Claim::kind, TreeMap::new, Collectors.toList())));
    Map<String, AppRestriction> desired = new TreeMap<>();
    List<Ownership> owners = new ArrayList<>();
    byApp.forEach((app, kinds) -> {
      AppRestriction r = AppRestriction.of(app);
      for (Map.Entry<ActionKind, List<Claim>> e : kinds.entrySet()) {
        List<Claim> sorted = e.getValue().stream().sorted(order(e.getKey())).toList();
        Claim win = sorted.get(0);
        r = switch (e.getKey()) {
          case LIMIT_UP -> r.withMaxUp(win.value());
          case LIMIT_DOWN -> r.withMaxDown(win.value());
          case BLOCK -> r.withBlock();
          case MARK -> r.withDscp((int) win.value());
        };
        owners.add(new Ownership(app, e.getKey(), win.value(), win.handler(), sorted.subList(1, sorted.size())));
      }
      desired.put(app, r);
    });
    return new Resolution(new DesiredState(desired), owners);
  }

  private static Comparator<Claim> order(ActionKind kind) {
    Comparator<Claim> byPriority = Comparator.comparingInt(Claim::priority).reversed();
    Comparator<Claim> tail = byPriority.thenComparing(Claim::handler);
    return switch (kind) {
      case LIMIT_UP, LIMIT_DOWN -> Comparator.comparingLong(Claim::value).thenComparing(tail);
      case BLOCK, MARK -> tail;
    };
  }
}
