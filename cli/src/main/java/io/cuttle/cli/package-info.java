/**
 * The {@code cuttle} command line (picocli): running the controller and the daemon, inspecting a
 * daemon's state, the demo, and the version. Diagnostics go to stderr, results to stdout; exit
 * code 2 means bad usage or configuration, 1 a failure at run time.
 */
package io.cuttle.cli;
