/**
 * Combining several handlers' restrictions of one application deterministically: per app and
 * direction the lowest limit wins, a block wins, and for DSCP marks the highest priority wins;
 * declared priorities (then handler names) break ties. The {@link
 * io.cuttle.policy.conflict.Resolution} says which handler owns each effective restriction.
 */
package io.cuttle.policy.conflict;
