package io.cuttle.controller.distribution;

import io.cuttle.wire.v1.HostReport;
import java.time.Instant;

/** The latest report of one host and when the controller received it. */
public record HostStatus(HostReport report, Instant receivedAt) {}
