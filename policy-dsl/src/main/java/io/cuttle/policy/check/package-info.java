/**
 * {@code cuttle policy check}: finds what can be found without running a handler against a
 * network: manifest and override errors, syntax errors, missing or misshapen lifecycle
 * functions, actions inside the side-effect-free {@code exception(net)}, and members of
 * {@code net}, {@code host} and the action functions that do not exist; each with line:column
 * and "expected X, got Y".
 */
package io.cuttle.policy.check;
