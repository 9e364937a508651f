/**
 * Immutable host state: per-flow records ({@link io.cuttle.host.model.FlowRecord}) attributed to an
 * application and user, per-application and per-user usage with rates, gathered into one
 * {@link io.cuttle.host.model.HostSnapshot} per tick for handlers and reports.
 */
package io.cuttle.host.model;
