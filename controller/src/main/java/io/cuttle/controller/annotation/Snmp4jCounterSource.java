package io.cuttle.controller.annotation;

import io.cuttle.controller.annotation.PollOutcome.Failed;
import io.cuttle.controller.annotation.PollOutcome.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.util.DefaultPDUFactory;
import org.snmp4j.util.TableEvent;
import org.snmp4j.util.TableUtils;

/**
 * Polls interface counters over SNMP v2c with SNMP4J: {@code sysUpTime}, then the IF-MIB columns
 * {@code ifHCInOctets}, {@code ifHCOutOctets} and {@code ifHighSpeed} with GETBULK, then the
 * address-to-ifIndex map from IP-MIB's {@code ipAddressTable} (or the older {@code ipAddrTable} when
 * an agent lacks it). One UDP socket serves every agent. Thread-safe.
 */
public final class Snmp4jCounterSource implements CounterSource {
  static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3.0");
  static final OID IF_HC_IN_OCTETS = new OID("1.3.6.1.2.1.31.1.1.1.6");
  static final OID IF_HC_OUT_OCTETS = new OID("1.3.6.1.2.1.31.1.1.1.10");
  static final OID IF_HIGH_SPEED = new OID("1.3.6.1.2.1.31.1.1.1.15");
  static final OID IP_ADDRESS_IF_INDEX = new OID("1.3.6.1.2.1.4.34.1.3");
  static final OID IP_AD_ENT_IF_INDEX = new OID("1.3.6.1.2.1.4.20.1.2");

  private final Snmp snmp;
  private final Clock clock;
  private final Duration timeout;
  private final int retries;

  /** Opens the UDP socket; {@code timeout} is per attempt, {@code retries} extra attempts. */
  public Snmp4jCounterSource(Clock clock, Duration timeout, int retries) throws IOException {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative, got " + retries);
    }
    this.retries = retries;
    DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping();
    this.snmp = new Snmp(transport);
    transport.listen();
  }

  @Override
  public PollOutcome poll(SnmpAgent agent) {
    CommunityTarget<UdpAddress> target = new CommunityTarget<>(
        new UdpAddress(agent.address(), agent.port()), new OctetString(agent.community()));
    target.setVersion(SnmpConstants.version2c);
    target.setTimeout(Math.max(1, timeout.toMillis()));
    target.setRetries(retries);
    try {
      long upTime = upTime(target);
      Instant before = clock.instant();
      Map<Integer, InterfaceCounters> counters = counters(target);
      Instant after = clock.instant();
      Map<InetAddress, Integer> addresses = addresses(target);
      Map<InetAddress, InterfaceCounters> byAddress = new LinkedHashMap<>();
      addresses.forEach((address, ifIndex) -> {
        InterfaceCounters c = counters.get(ifIndex);
        if (c != null) {
          byAddress.put(address, c);
        }
      });
      Instant at = before.plus(Duration.between(before, after).dividedBy(2));
      return new PollOutcome.Sampled(new AgentSample(at, upTime, byAddress));
    } catch (PollFailure f) {
      return f.outcome;
    } catch (IOException e) {
      return new Failed(Reason.IO, agent + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return new Failed(Reason.MALFORMED, agent + ": " + e);
    }
  }

  private long upTime(CommunityTarget<UdpAddress> target) throws IOException {
    PDU pdu = new PDU();
    pdu.setType(PDU.GET);
    pdu.add(new VariableBinding(SYS_UP_TIME));
    ResponseEvent<UdpAddress> r = snmp.send(pdu, target);
    PDU response = r.getResponse();
    if (response == null) {
      throw new PollFailure(Reason.TIMEOUT, target.getAddress() + ": no response to sysUpTime within "
          + timeout.toMillis() + " ms x " + (retries + 1) + " attempt(s)");
    }
    if (response.getErrorStatus() != PDU.noError) {
      throw new PollFailure(Reason.AGENT_ERROR, target.getAddress() + ": " + response.getErrorStatusText());
    }
    Variable v = response.get(0).getVariable();
    if (!(v instanceof TimeTicks t)) {
      throw new PollFailure(Reason.MALFORMED, target.getAddress() + ": sysUpTime: expected TimeTicks, got "
          + v.getSyntaxString());
    }
    return t.getValue();
  }

  private Map<Integer, InterfaceCounters> counters(CommunityTarget<UdpAddress> target) {
    Map<Integer, InterfaceCounters> out = new HashMap<>();
    for (TableEvent e : table(target, IF_HC_IN_OCTETS, IF_HC_OUT_OCTETS, IF_HIGH_SPEED)) {
      VariableBinding[] cols = e.getColumns();
      if (cols == null || e.getIndex() == null || e.getIndex().size() != 1
          || !(cols[0] != null && cols[0].getVariable() instanceof Counter64 in)
          || !(cols[1] != null && cols[1].getVariable() instanceof Counter64 outOctets)) {
        continue; // an interface without 64-bit counters cannot be measured
      }
      OptionalLong speed = OptionalLong.empty();
      if (cols[2] != null && cols[2].getVariable() instanceof Gauge32 g && g.getValue() > 0) {
        speed = OptionalLong.of(g.getValue() * 1_000_000L);
      }
      int ifIndex = e.getIndex().get(0);
      out.put(ifIndex, new InterfaceCounters(ifIndex, in.getValue(), outOctets.getValue(), speed));
    }
    return out;
  }

  private Map<InetAddress, Integer> addresses(CommunityTarget<UdpAddress> target) {
    Map<InetAddress, Integer> out = new LinkedHashMap<>();
    for (TableEvent e : table(target, IP_ADDRESS_IF_INDEX)) {
      ifIndexOf(e).ifPresent(i -> addressOfIpAddressIndex(e.getIndex()).ifPresent(a -> out.put(a, i)));
    }
    if (out.isEmpty()) {
      for (TableEvent e : table(target, IP_AD_ENT_IF_INDEX)) {
        ifIndexOf(e).ifPresent(i -> address(e.getIndex(), 0, 4).ifPresent(a -> out.put(a, i)));
      }
    }
    return out;
  }

  private List<TableEvent> table(CommunityTarget<UdpAddress> target, OID... columns) {
    TableUtils utils = new TableUtils(snmp, new DefaultPDUFactory(PDU.GETBULK));
    utils.setMaxNumRowsPerPDU(25);
    List<TableEvent> rows = utils.getTable(target, columns, null, null);
    for (TableEvent e : rows) {
      if (e.isError()) {
        Reason reason = e.getStatus() == TableEvent.STATUS_TIMEOUT ? Reason.TIMEOUT : Reason.AGENT_ERROR;
        throw new PollFailure(reason, target.getAddress() + ": walking " + columns[0] + ": " + e.getErrorMessage());
      }
    }
    return rows;
  }

  private static java.util.Optional<Integer> ifIndexOf(TableEvent e) {
    VariableBinding[] cols = e.getColumns();
    if (cols == null || cols[0] == null || !(cols[0].getVariable() instanceof Integer32 i) || e.getIndex() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(i.getValue());
  }

  /** ipAddressTable index: type (1 = IPv4, 2 = IPv6), length, then the address bytes. */
  static java.util.Optional<InetAddress> addressOfIpAddressIndex(OID index) {
    if (index.size() < 2) {
      return java.util.Optional.empty();
    }
    int type = index.get(0);
    int length = index.get(1);
    if ((type == 1 && length == 4) || (type == 2 && length == 16)) {
      return address(index, 2, length);
    }
    return java.util.Optional.empty(); // zoned (link-local) and unknown address types
  }

  private static java.util.Optional<InetAddress> address(OID index, int from, int length) {
    if (index.size() != from + length) {
      return java.util.Optional.empty();
    }
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      int v = index.get(from + i);
      if (v < 0 || v > 255) {
        return java.util.Optional.empty();
      }
      bytes[i] = (byte) v;
    }
    try {
      return java.util.Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return java.util.Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      snmp.close();
    } catch (IOException e) {
      // closing a UDP socket: nothing useful to do
    }
  }

  /** Ends a poll early with the outcome to report. */
  private static final class PollFailure extends RuntimeException {
    final Failed outcome;

    PollFailure(Reason reason, String detail) {
      super(detail, null, false, false);
      this.outcome = new Failed(reason, detail);
    }
  }
}
