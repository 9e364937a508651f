/**
 * The daemon's configuration: the {@link io.cuttle.daemon.config.DaemonConfig} value with its
 * defaults, and the reader of {@code daemon.yaml} that reports every problem as a diagnostic
 * naming file, line, column and field, with what was expected and what was found.
 */
package io.cuttle.daemon.config;
