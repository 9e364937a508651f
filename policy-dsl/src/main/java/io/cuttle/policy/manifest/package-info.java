/**
 * A handler's manifest ({@code NAME.manifest.yaml} beside {@code NAME.js}): typed parameters
 * with units and defaults (the paper's {@code SiteNames} and {@code Threshold}), priority and
 * triggers; and per-deployment {@link io.cuttle.policy.manifest.Overrides}. Readers return
 * diagnostics with file, line, column, field, expected and got; they never throw for bad input.
 */
package io.cuttle.policy.manifest;
