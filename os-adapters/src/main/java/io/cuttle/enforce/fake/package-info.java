/**
 * A recording enforcement adapter for tests of the modules that call enforcement: it keeps every
 * desired state it was given and models the installed state, so a test can check what would be in the
 * OS without touching it.
 */
package io.cuttle.enforce.fake;
