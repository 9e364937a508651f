package io.cuttle.enforce.linux;

import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppRestriction;
import java.util.EnumSet;
import java.util.Set;

/** The actions a restriction asks for, and the actions named by rule comments read back from nft. */
final class Actions {
  private Actions() {
  }

  static Set<ActionKind> of(AppRestriction r) {
    EnumSet<ActionKind> s = EnumSet.noneOf(ActionKind.class);
    if (r.maxUpBps().isPresent()) {
      s.add(ActionKind.LIMIT_UP);
    }
    if (r.maxDownBps().isPresent()) {
      s.add(ActionKind.LIMIT_DOWN);
    }
    if (r.blocked()) {
      s.add(ActionKind.BLOCK);
    }
    if (r.dscp().isPresent()) {
      s.add(ActionKind.MARK);
    }
    return s;
  }

  static Set<ActionKind> fromKinds(Set<String> kinds) {
    EnumSet<ActionKind> s = EnumSet.noneOf(ActionKind.class);
    for (String k : kinds) {
      switch (k) {
        case NftScript.KIND_LIMIT -> s.add(ActionKind.LIMIT_UP);
        case NftScript.KIND_BLOCK -> s.add(ActionKind.BLOCK);
        case NftScript.KIND_MARK -> s.add(ActionKind.MARK);
        case NftScript.KIND_INGRESS -> s.add(ActionKind.LIMIT_DOWN);
        default -> {
          // match rules name no action
        }
      }
    }
    return s;
  }
}
