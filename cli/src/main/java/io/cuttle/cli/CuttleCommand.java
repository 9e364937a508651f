package io.cuttle.cli;

import io.cuttle.common.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cuttle}: the command line of the controller, the daemon and the tools around them. */
@Command(name = "cuttle", mixinStandardHelpOptions = true, versionProvider = CuttleCommand.Version.class,
    description = "Network exception handlers: hosts that react to the state of their network.",
    subcommands = {ControllerCommand.class, DaemonCommand.class, StateCommand.class, StatusCommand.class,
        FlowsCommand.class, PolicyCommand.class, EnforceCommand.class, DemoCommand.class, VersionCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:runtime failure (cannot bind, cannot reach a daemon, ...)",
        "2:bad usage or configuration (the message names file, line, field, expected and got)"})
public final class CuttleCommand {
  /** Exit code for bad usage or configuration. */
  public static final int USAGE = 2;
  /** Exit code for a failure at run time. */
  public static final int FAILURE = 1;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new CuttleCommand());
    cl.setExecutionExceptionHandler(CuttleCommand::handle);
    return cl;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof ConfigException c) {
      c.diagnostics().forEach(d -> err.println("cuttle: " + d));
      err.flush();
      return USAGE;
    }
    if (e instanceof CommandLine.ParameterException p) {
      err.println("cuttle: " + p.getMessage());
      err.flush();
      return USAGE;
    }
    String msg = e instanceof IOException || e instanceof UncheckedIOException || e instanceof CliFailure
        ? e.getMessage() : e.toString();
    err.println("cuttle: " + msg);
    err.flush();
    return FAILURE;
  }

  /** A failure whose message is the whole story (no stack trace needed). */
  static final class CliFailure extends RuntimeException {
    CliFailure(String message) {
      super(message);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cuttle " + number()};
    }

    static String number() {
      try (InputStream in = CuttleCommand.class.getResourceAsStream("version.properties")) {
        Properties p = new Properties();
        if (in != null) {
          p.load(in);
        }
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }
  }
}
