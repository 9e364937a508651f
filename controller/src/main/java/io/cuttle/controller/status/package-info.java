/**
 * Enforcement status at the controller: the latest {@code Report} of every host as an immutable
 * {@link io.cuttle.controller.status.HostStatus} (handlers, every restriction and its outcome,
 * errors, the daemon's own staleness, when it last reported) with a bounded history of changes,
 * kept by a {@link io.cuttle.controller.status.HostStatusStore} (embedded JSON snapshot by
 * default, PostgreSQL when configured; chosen through
 * {@link io.cuttle.controller.status.HostStatusStoreProvider}s), queried through
 * {@link io.cuttle.controller.status.HostStatusService} (which flags hosts that stopped reporting)
 * and served as JSON under {@code /api/v1/hosts}.
 */
package io.cuttle.controller.status;
