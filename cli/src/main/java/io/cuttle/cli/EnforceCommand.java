package io.cuttle.cli;

import io.cuttle.common.config.ConfigException;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.config.DaemonConfigReader;
import io.cuttle.enforce.AdapterSelector;
import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementProvider;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.DesiredState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cuttle enforce ...}: which enforcement adapter this host would use; remove what it installed. */
@Command(name = "enforce", description = "Enforcement adapters on this host.",
    subcommands = {EnforceCommand.Providers.class, EnforceCommand.Clear.class})
final class EnforceCommand {

  /** {@code cuttle enforce providers}: every provider, whether it is available, and which one is chosen. */
  @Command(name = "providers", mixinStandardHelpOptions = true,
      description = "List the enforcement providers, why each is or is not usable, and which one is chosen.")
  static final class Providers implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--adapter", paramLabel = "NAME", description = "choose this provider (linux, windows, macos, dry-run)")
    String adapter;

    @Override
    public Integer call() {
      AdapterSelector.Selection s = AdapterSelector.fromServiceLoader().select(Optional.ofNullable(adapter));
      var out = spec.commandLine().getOut();
      s.reasons().forEach(out::println);
      out.println("chosen: " + s.chosen().map(EnforcementProvider::name).orElse("none"));
      out.flush();
      return s.chosen().isPresent() ? 0 : 1;
    }
  }

  /** {@code cuttle enforce clear}: reconciles to the empty state, removing everything the adapter owns. */
  @Command(name = "clear", mixinStandardHelpOptions = true,
      description = {"Remove every restriction the enforcement adapter installed (its nft table, tc classes,",
          "cgroups, IFB device; QoS policies and firewall rules; pf anchor and pipes). Stop the daemon first.",
          "With --config, the names (and network namespace) are those of that daemon.yaml's 'enforcement'."})
  static final class Clear implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--adapter", paramLabel = "NAME", description = "use this provider instead of the best available")
    String adapter;

    @Option(names = "--interface", paramLabel = "DEV", description = "shaped interface (repeatable; default: "
        + "the file's enforcement.interfaces, else the devices of the default routes)")
    List<String> interfaces = List.of();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "daemon.yaml whose enforcement names "
        + "(nft table, cgroup parent, tc major, IFB, netns) and adapter to clear; default: the default names")
    Path config;

    @Override
    public Integer call() throws ConfigException {
      var out = spec.commandLine().getOut();
      Optional<DaemonConfig> file = config == null ? Optional.empty() : Optional.of(DaemonConfigReader.read(config));
      Optional<String> choice = Optional.ofNullable(adapter).or(() -> file.map(DaemonConfig::enforcement)
          .filter(e -> !e.equals(DaemonConfig.ENFORCE_AUTO) && !e.equals(DaemonConfig.ENFORCE_NONE)));
      Optional<EnforcementProvider> p = AdapterSelector.fromServiceLoader().select(choice).chosen();
      if (p.isEmpty()) {
        spec.commandLine().getErr().println("enforce clear: expected a usable adapter"
            + choice.map(a -> " named '" + a + "'").orElse("") + ", got none (see 'cuttle enforce providers')");
        return 1;
      }
      EnforcementSettings named = file.map(c -> c.enforcementNames().settings(out::println))
          .orElse(EnforcementSettings.defaults());
      EnforcementSettings settings = (interfaces.isEmpty() ? named : named.withInterfaces(interfaces))
          .withPlanSink(out::println);
      try (EnforcementAdapter a = p.get().create(settings)) {
        EnforcementReport r = a.reconcile(DesiredState.empty(), AppProcesses.none());
        r.outcomes().forEach(o -> out.println(o.app() + " " + o.action() + " " + o.outcome() + ": " + o.detail()));
        out.println(a.name() + ": nothing restricted");
      }
      out.flush();
      return 0;
    }
  }
}
