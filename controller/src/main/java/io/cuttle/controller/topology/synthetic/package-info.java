/**
 * Synthetic networks and random change streams of any size, generated deterministically from a
 * seed: real, reusable inputs for tests, demos and benchmarks.
 */
package io.cuttle.controller.topology.synthetic;
