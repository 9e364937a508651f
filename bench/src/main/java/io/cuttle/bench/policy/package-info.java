/**
 * Benchmark of the handler engine: a tick of 100 handlers against a 10,000-link state, the
 * paper's Fig. 8 handler in JavaScript beside the same logic in Java, and the memory each loaded
 * handler costs.
 */
package io.cuttle.bench.policy;
