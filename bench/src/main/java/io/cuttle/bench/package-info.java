/**
 * Benchmark harnesses, run as separate processes by the scripts in {@code bench/} (never as unit
 * tests): state distribution from one controller to thousands of subscribers on loopback, and
 * SPF, full against incremental, on synthetic topologies.
 */
package io.cuttle.bench;
