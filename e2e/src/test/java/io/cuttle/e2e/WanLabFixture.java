package io.cuttle.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.enforce.linux.LinuxProvider;
import io.cuttle.lab.WanLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tests' WAN lab: {@link WanLab} under the prefix {@code Pw} (P is {@code cd}, or the system
 * property {@code cuttle.test.prefix}) with its control network in 172.31.217.0/30, or a skipped test
 * that says what the machine lacks.
 */
final class WanLabFixture {
  static final String PREFIX = HostLab.PREFIX + "w";
  static final String CTL_NET = "172.31.217";

  private WanLabFixture() {
  }

  /** Skips (saying why) without root, FRR, iperf3 or the script; else builds and starts the lab. */
  static WanLab start() throws IOException {
    assumeTrue(new LinuxProvider().isAvailable(),
        () -> "WAN lab needs root, cgroup2, nft, tc, ip: " + new LinuxProvider().unavailabilityCause().orElse(""));
    assumeTrue(Files.isExecutable(Path.of("/usr/lib/frr/ospfd")), "WAN lab needs FRR (apt package frr)");
    assumeTrue(ProcessCommandRunner.local().run(List.of("iperf3", "--version")).ok(), "WAN lab needs iperf3");
    assumeTrue(WanLab.findScript().isPresent(), "lab/wan-lab.sh not found above the working directory");
    return WanLab.start(PREFIX, CTL_NET);
  }
}
