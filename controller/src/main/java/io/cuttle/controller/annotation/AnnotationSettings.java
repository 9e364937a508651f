package io.cuttle.controller.annotation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code annotations} section of the controller configuration (format:
 * {@code controller/docs/annotations.md}).
 *
 * @param interval    time between measurement rounds; at least {@link #MIN_INTERVAL}
 * @param threshold   which measurement changes are sent
 * @param staleAfter  a link measured longer ago than this loses its measured values
 * @param agents      SNMP agents to poll; empty means no measurements, static values only
 * @param snmpTimeout time to wait for one SNMP response
 * @param snmpRetries extra attempts after a timeout
 * @param statics     static link values and sites
 * @param parallelism agents polled at the same time
 */
public record AnnotationSettings(Duration interval, ChangeThreshold threshold, Duration staleAfter,
    List<SnmpAgent> agents, Duration snmpTimeout, int snmpRetries, StaticAnnotations statics, int parallelism) {
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SNMP_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_SNMP_RETRIES = 1;
  public static final int MAX_SNMP_RETRIES = 5;
  /** Rounds after which an unrefreshed measurement is dropped, by default. */
  public static final int DEFAULT_STALE_ROUNDS = 3;
  public static final int DEFAULT_PARALLELISM = 16;
  public static final int MAX_PARALLELISM = 256;

  public AnnotationSettings {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(snmpTimeout, "snmpTimeout");
    Objects.requireNonNull(statics, "statics");
    agents = List.copyOf(agents);
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("annotation interval must be at least 1s, got " + interval);
    }
    if (staleAfter.compareTo(interval) <= 0) {
      throw new IllegalArgumentException("stale-after must be longer than the interval " + interval
          + ", got " + staleAfter);
    }
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("SNMP parallelism must be 1.." + MAX_PARALLELISM + ", got " + parallelism);
    }
    if (snmpRetries < 0 || snmpRetries > MAX_SNMP_RETRIES) {
      throw new IllegalArgumentException("SNMP retries must be 0.." + MAX_SNMP_RETRIES + ", got " + snmpRetries);
    }
  }

  /** Settings polling with the default parallelism. */
  public AnnotationSettings(Duration interval, ChangeThreshold threshold, Duration staleAfter,
      List<SnmpAgent> agents, Duration snmpTimeout, int snmpRetries, StaticAnnotations statics) {
    this(interval, threshold, staleAfter, agents, snmpTimeout, snmpRetries, statics, DEFAULT_PARALLELISM);
  }

  /** Settings with only static values and the default interval and threshold. */
  public static AnnotationSettings staticOnly(StaticAnnotations statics) {
    return new AnnotationSettings(DEFAULT_INTERVAL, ChangeThreshold.DEFAULT,
        DEFAULT_INTERVAL.multipliedBy(DEFAULT_STALE_ROUNDS), List.of(), DEFAULT_SNMP_TIMEOUT,
        DEFAULT_SNMP_RETRIES, statics);
  }
}
