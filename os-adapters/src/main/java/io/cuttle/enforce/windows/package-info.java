/**
 * The Windows adapter: per-application QoS policies in the active (non-persistent) policy store
 * ({@code New-NetQosPolicy -AppPathNameMatchCondition}, throttle rate and DSCP) and Windows Firewall
 * rules by program for blocks, written as one PowerShell script per reconcile. Ingress limits are
 * not expressible (QoS policies throttle egress only) and are reported {@code UNSUPPORTED_ON_OS}.
 */
package io.cuttle.enforce.windows;
