/**
 * Enforcement behind one interface: Linux (cgroup v2, nftables, tc), Windows and macOS adapters. Nothing here yet.
 */
package io.cuttle.osadapters;
