/**
 * The macOS adapter: a pf anchor ({@code com.apple/<prefix>}, which the stock pf.conf already
 * includes) holding {@code block return} and {@code dummynet} rules, and dummynet pipes configured with
 * {@code dnctl}. pf matches sockets by user, not by application, so everything is matched by the
 * app's user id and reported {@code PARTIAL}; without a user id, and for DSCP marks, the outcome is
 * {@code UNSUPPORTED_ON_OS}.
 */
package io.cuttle.enforce.macos;
