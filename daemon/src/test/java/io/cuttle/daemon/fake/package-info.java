/**
 * Test fixtures shared by the daemon's tests: a hand-written fake {@code StateDistribution}
 * controller that records Watch requests and reports and lets a test push messages, a clock the
 * test advances, a small sample network state with deltas, and a subscription listener that
 * records what it hears into queues a test can await.
 */
package io.cuttle.daemon.fake;
