package io.cuttle.enforce.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A command runner that runs nothing: it records every command (argv and stdin) and answers from a
 * function, by default "exit 0, no output". For plan (golden) tests of the Windows and macOS adapters.
 */
public final class RecordingCommandRunner implements CommandRunner {
  /** One recorded call. */
  public record Call(List<String> argv, String stdin) {
  }

  private final List<Call> calls = new ArrayList<>();
  private final Function<Call, CommandResult> answer;

  public RecordingCommandRunner() {
    this(c -> new CommandResult(c.argv(), 0, "", ""));
  }

  public RecordingCommandRunner(Function<Call, CommandResult> answer) {
    this.answer = answer;
  }

  @Override
  public synchronized CommandResult run(List<String> argv, String stdin) {
    Call c = new Call(List.copyOf(argv), stdin);
    calls.add(c);
    return answer.apply(c);
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized void clear() {
    calls.clear();
  }
}
