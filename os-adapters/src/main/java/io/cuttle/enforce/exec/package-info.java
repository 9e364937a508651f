/**
 * Running OS commands ({@code nft}, {@code tc}, PowerShell, {@code pfctl}) with stdin and captured
 * stdout/stderr: {@link io.cuttle.enforce.exec.CommandRunner} is the seam tests replace with a
 * {@link io.cuttle.enforce.exec.RecordingCommandRunner}.
 */
package io.cuttle.enforce.exec;
