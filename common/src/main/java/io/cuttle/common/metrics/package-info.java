/**
 * The HTTP side of observability shared by the controller and the daemon: a small JDK
 * {@code HttpServer} that serves a Micrometer Prometheus registry at {@code /metrics} and any
 * extra read-only GET routes a component registers (such as the daemon's {@code /state}).
 */
package io.cuttle.common.metrics;
