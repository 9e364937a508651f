/**
 * The enforcement seam: an {@link io.cuttle.enforce.EnforcementAdapter} reconciles the operating
 * system to a whole {@link io.cuttle.host.enforce.DesiredState} and reports an outcome per requested
 * action; {@link io.cuttle.enforce.EnforcementProvider}s are found with {@link java.util.ServiceLoader}
 * and {@link io.cuttle.enforce.AdapterSelector} picks the available one of highest priority, saying why.
 */
package io.cuttle.enforce;
