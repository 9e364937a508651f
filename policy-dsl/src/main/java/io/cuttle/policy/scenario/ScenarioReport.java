package io.cuttle.policy.scenario;

import io.cuttle.policy.engine.Restrictions;
import java.util.List;

/** All steps of one scenario run, and a test-runner style rendering. */
public record ScenarioReport(String scenario, String handler, List<StepResult> steps) {
  public ScenarioReport {
    steps = List.copyOf(steps);
  }

  public boolean passed() {
    return steps.stream().allMatch(StepResult::passed);
  }

  public long failedSteps() {
    return steps.stream().filter(s -> !s.passed()).count();
  }

  /** {@code PASS step name} / {@code FAIL step name} with the mismatches, then a summary line. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("scenario ").append(scenario).append(" (handler ").append(handler).append(")\n");
    for (StepResult s : steps) {
      sb.append(s.passed() ? "  PASS " : "  FAIL ").append(s.name()).append(" (line ").append(s.line()).append(")\n");
      if (!s.passed()) {
        s.mismatches().forEach(m -> sb.append("       ").append(m).append('\n'));
        sb.append("       desired state: ").append(describe(s)).append('\n');
      }
    }
    sb.append(passed() ? "PASSED" : "FAILED").append(": ").append(steps.size() - failedSteps()).append(" of ")
        .append(steps.size()).append(" steps passed\n");
    return sb.toString();
  }

  private static String describe(StepResult s) {
    if (s.desired().isEmpty()) {
      return "nothing restricted";
    }
    StringBuilder sb = new StringBuilder();
    s.desired().byApp().forEach((app, r) -> sb.append(sb.isEmpty() ? "" : "; ").append(app).append(": ")
        .append(Restrictions.describe(r)));
    return sb.toString();
  }
}
