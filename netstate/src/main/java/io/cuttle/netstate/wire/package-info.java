/**
 * Conversion between the model and the {@code cuttle.v1} protobuf messages that carry it
 * between controller and daemons (and to disk); decoding validates and reports what was wrong.
 */
package io.cuttle.netstate.wire;
