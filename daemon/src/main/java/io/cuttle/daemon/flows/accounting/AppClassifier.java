package io.cuttle.daemon.flows.accounting;

import io.cuttle.daemon.config.AppRule;
import io.cuttle.daemon.flows.proc.ProcessInfo;
import java.util.List;
import java.util.Objects;

/**
 * Names the application a process is: the first {@link AppRule} that matches, or else the
 * executable's file name with the default class.
 */
public final class AppClassifier {
  private final List<AppRule> rules;
  private final String defaultClass;

  public AppClassifier(List<AppRule> rules, String defaultClass) {
    this.rules = List.copyOf(rules);
    this.defaultClass = Objects.requireNonNull(defaultClass, "defaultClass");
  }

  public AppIdentity classify(ProcessInfo p) {
    String cmd = p.commandLine();
    for (AppRule r : rules) {
      if (r.matches(p.exe(), cmd, p.unit(), p.user())) {
        return new AppIdentity(r.name(), r.appClass(), p.user());
      }
    }
    return new AppIdentity(p.exeName(), defaultClass, p.user());
  }
}
