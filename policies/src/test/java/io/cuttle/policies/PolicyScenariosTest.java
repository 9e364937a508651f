package io.cuttle.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.policy.engine.HandlerFiles;
import io.cuttle.policy.engine.HandlerSource;
import io.cuttle.policy.sandbox.SandboxEngine;
import io.cuttle.policy.scenario.Scenario;
import io.cuttle.policy.scenario.ScenarioReader;
import io.cuttle.policy.scenario.ScenarioReport;
import io.cuttle.policy.scenario.ScenarioRunner;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every shipped handler's scenario through the real engine, as {@code cuttle policy test} does. */
class PolicyScenariosTest {
  private static SandboxEngine sandbox;

  @BeforeAll
  static void start() {
    sandbox = SandboxEngine.create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static Path dir() throws URISyntaxException {
    return Path.of(PolicyScenariosTest.class.getResource("/io/cuttle/policies/upstream-smoothing.js").toURI())
        .getParent();
  }

  static Stream<Path> scenarios() throws Exception {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.toString().endsWith(".scenario.yaml")).sorted().toList().stream();
    }
  }

  @Test
  void everyHandlerHasAManifestAndAScenario() throws Exception {
    List<Path> handlers;
    try (Stream<Path> s = Files.list(dir())) {
      handlers = s.filter(p -> p.toString().endsWith(".js")).sorted().toList();
    }
    assertThat(handlers).hasSizeGreaterThanOrEqualTo(7);
    for (Path h : handlers) {
      String base = HandlerFiles.nameOf(h);
      assertThat(dir().resolve(base + ".manifest.yaml")).as(base).isRegularFile();
      assertThat(dir().resolve(base + ".scenario.yaml")).as(base).isRegularFile();
    }
    HandlerFiles.Read all = HandlerFiles.directory(dir());
    assertThat(all.diagnostics()).isEmpty();
    assertThat(all.handlers()).hasSize(handlers.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenarioPasses(Path file) throws IOException, URISyntaxException {
    Scenario s = switch (ScenarioReader.read(file.getFileName().toString(), Files.readString(file))) {
      case ScenarioReader.Result.Read r -> r.scenario();
      case ScenarioReader.Result.Invalid i -> throw new AssertionError(i.diagnostics().toString());
    };
    HandlerFiles.Read h = HandlerFiles.one(dir().resolve(s.handler().orElseThrow()), s.params());
    assertThat(h.diagnostics()).isEmpty();
    HandlerSource source = h.handlers().get(0);
    ScenarioReport report = ScenarioRunner.run(sandbox, s, source);
    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.steps()).hasSizeGreaterThanOrEqualTo(3);
  }
}
