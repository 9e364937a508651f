package io.cuttle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cuttle version}: the version of this build and of the runtime it runs on. */
@Command(name = "version", description = "Print the version of cuttle and of its Java runtime.")
final class VersionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.println("cuttle " + CuttleCommand.Version.number());
    out.println("java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    out.println("wire protocol cuttle.v1");
    out.flush();
    return 0;
  }
}
