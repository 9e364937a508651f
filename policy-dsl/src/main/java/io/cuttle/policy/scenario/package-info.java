/**
 * Scenario tests for handlers ({@code cuttle policy test FILE --scenario S.yaml}): a scenario
 * is a network, host applications and a list of steps that change them over time, each with
 * the restrictions, status, notifications and reports expected after it.
 * {@link io.cuttle.policy.scenario.ScenarioRunner} runs one against the real engine with a
 * stepping clock; {@link io.cuttle.policy.scenario.TopologyBuilder} builds network states by name.
 */
package io.cuttle.policy.scenario;
