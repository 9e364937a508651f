/**
 * Network exception handlers as sandboxed JavaScript: {@link io.cuttle.policy.engine} runs the
 * paper's lifecycle (exception predicate, fire, registered handler, automatic revert) over
 * immutable network and host snapshots and hands a desired enforcement state to the enforcement
 * layer; the other packages hold the sandbox, the script API, manifests, triggers, conflict
 * resolution, the checker and the scenario runner.
 */
package io.cuttle.policy;
