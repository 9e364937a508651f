package io.cuttle.enforce.linux;

import io.cuttle.enforce.VerifyReport.Drift;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two listings of the adapter's table, rule by rule and element by element: a rule that
 * is gone, a rule whose expression changed (same comment, different expression), a rule nobody of
 * ours wrote, rules in another order, and set elements gone or added. Each difference is one
 * {@link Drift}.
 */
final class NftDiff {
  private NftDiff() {
  }

  static List<Drift> compare(String table, NftListing want, NftListing have) {
    List<Drift> drift = new ArrayList<>();
    Set<String> chains = new TreeSet<>(want.rules().keySet());
    chains.addAll(have.rules().keySet());
    for (String chain : chains) {
      chain("nft chain inet " + table + " " + chain, want.rules().getOrDefault(chain, List.of()),
          have.rules().getOrDefault(chain, List.of()), drift);
    }
    Set<String> sets = new TreeSet<>(want.elements().keySet());
    sets.addAll(have.elements().keySet());
    for (String set : sets) {
      Set<String> w = want.elements().getOrDefault(set, Set.of());
      Set<String> h = have.elements().getOrDefault(set, Set.of());
      String what = "nft set inet " + table + " " + set + " element ";
      w.stream().filter(e -> !h.contains(e)).forEach(e -> drift.add(new Drift(what + e, "present", "absent")));
      h.stream().filter(e -> !w.contains(e)).forEach(e -> drift.add(new Drift(what + e, "absent", "present")));
    }
    return drift;
  }

  private static void chain(String what, List<NftListing.Rule> want, List<NftListing.Rule> have, List<Drift> drift) {
    if (want.equals(have)) {
      return;
    }
    List<NftListing.Rule> missing = new ArrayList<>(want);
    List<NftListing.Rule> extra = new ArrayList<>(have);
    for (NftListing.Rule r : have) {
      if (missing.remove(r)) {
        extra.remove(r);
      }
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      drift.add(new Drift(what + " rule order", comments(want), comments(have)));
      return;
    }
    for (NftListing.Rule m : missing) {
      NftListing.Rule changed = takeSameComment(extra, m.comment());
      String rule = what + " rule \"" + m.comment() + "\"";
      drift.add(changed == null ? new Drift(rule, m.expr(), "absent") : new Drift(rule, m.expr(), changed.expr()));
    }
    for (NftListing.Rule x : extra) {
      drift.add(new Drift(what + " rule " + (x.comment().isEmpty() ? "(no comment)" : "\"" + x.comment() + "\""),
          "absent", x.expr()));
    }
  }

  private static NftListing.Rule takeSameComment(List<NftListing.Rule> rules, String comment) {
    for (Iterator<NftListing.Rule> it = rules.iterator(); it.hasNext();) {
      NftListing.Rule r = it.next();
      if (!comment.isEmpty() && r.comment().equals(comment)) {
        it.remove();
        return r;
      }
    }
    return null;
  }

  private static String comments(List<NftListing.Rule> rules) {
    return rules.stream().map(NftListing.Rule::comment).toList().toString();
  }
}
