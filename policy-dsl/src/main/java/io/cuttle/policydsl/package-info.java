/**
 * The handler language: JavaScript handlers run in a GraalJS sandbox with the network-exception-handler lifecycle (exception predicate, fire, registered handler, automatic revert). Nothing here yet.
 */
package io.cuttle.policydsl;
