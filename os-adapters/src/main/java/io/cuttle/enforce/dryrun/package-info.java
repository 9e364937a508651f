/**
 * The dry-run adapter: prints what it would do for each desired restriction and changes nothing;
 * always available, lowest priority, so a host without a usable adapter still says what it would enforce.
 */
package io.cuttle.enforce.dryrun;
