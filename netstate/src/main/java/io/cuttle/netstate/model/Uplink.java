package io.cuttle.netstate.model;

/**
 * A link connecting a site to the outside. {@code insideNode} is the link's end inside the site:
 * upstream traffic flows from it to the other end.
 */
public record Uplink(int link, int insideNode) {}
