package io.cuttle.netstate.path;

/** One link traversed in a direction: from node {@code from} to node {@code to} over {@code link}. */
public record Hop(int link, int from, int to) {}
