package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A block on an app that has no cgroup yet goes into the kernel on its open sockets first: the first
 * transaction pins the app's connection by 5-tuple while its cgroup does not exist; the second,
 * after the cgroup is made and the app moved in, adds the cgroup match, so new connections are
 * refused too. With flows from flow accounting those are the first pins, and the sockets the app
 * holds (read after the move) replace them. Transactions are seen through the {@code nft -f}
 * command the adapter runs.
 */
class PinFirstKernelTest {
  private static final int PORT = 5409;
  private static NetnsLab lab;

  /** One {@code nft -f -} transaction and whether the app's cgroup existed when it ran. */
  record Tx(String script, boolean cgroupExisted) {
  }

  @BeforeAll
  static void up() {
    lab = NetnsLab.create("p", 19);
    lab.startQuietInB("python3", "-c", "import socket,time\ns=socket.socket()\n"
        + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\ns.bind(('" + lab.ipB + "'," + PORT + "))\n"
        + "s.listen(8)\nheld=[]\nwhile True:\n  c,_=s.accept()\n  held.append(c)\n");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  /** The app: holds one connection open (fd 4, once the listener is up), opens a new one per line read. */
  private static Process holdingApp() {
    return lab.startInA("bash", "-c", "for i in $(seq 100); do exec 4<>/dev/tcp/" + lab.ipB + "/" + PORT
        + " && break; sleep 0.1; done 2>/dev/null; echo HELD; while read -r x; do if exec 3<>/dev/tcp/" + lab.ipB
        + "/" + PORT + "; then echo OK; exec 3>&-; else echo FAIL; fi; done 2>&1");
  }

  private static LinuxEnforcer watched(List<Tx> txs, Path cgroup) {
    Cgroup2Mount mount = ((Cgroup2Mount.Lookup.Found) Cgroup2Mount.find()).mount();
    CommandRunner inA = ProcessCommandRunner.inNetns(lab.settings().netns());
    CommandRunner watching = (argv, stdin) -> {
      if (argv.contains("nft") && argv.contains("-f")) {
        txs.add(new Tx(stdin, Files.isDirectory(cgroup)));
      }
      return inA.run(argv, stdin);
    };
    return new LinuxEnforcer(lab.settings(), mount, List.of(lab.devA), watching);
  }

  @Test
  void theOpenConnectionIsPinnedBeforeTheCgroupExistsThenTheCgroupMatchFollows() throws Exception {
    Path cgroup = lab.cgroupParent().resolve("held");
    List<Tx> txs = new ArrayList<>();
    LinuxEnforcer e = watched(txs, cgroup);
    Process app = holdingApp();
    BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
    OutputStream in = app.getOutputStream();
    assertThat(out.readLine()).isEqualTo("HELD");
    try {
      EnforcementReport rep = e.reconcile(DesiredState.combining(List.of(AppRestriction.of("held").withBlock())),
          AppProcesses.of("held", Set.of(app.pid())));
      List<Tx> blockTxs = txs.stream().filter(t -> t.script().contains("kind=block")).toList();
      System.out.println("transactions: " + blockTxs.size() + "; cgroup existed: "
          + blockTxs.stream().map(Tx::cgroupExisted).toList());

      assertThat(rep.outcomeOf("held", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.APPLIED);
      assertThat(blockTxs).hasSize(2);
      Tx first = blockTxs.get(0);
      assertThat(first.cgroupExisted()).isFalse();
      assertThat(first.script()).doesNotContain("socket cgroupv2").contains(lab.ipA + " . ")
          .contains(lab.ipB + " . " + PORT);
      Tx second = blockTxs.get(1);
      assertThat(second.cgroupExisted()).isTrue();
      assertThat(second.script()).contains("socket cgroupv2").contains(lab.ipB + " . " + PORT);
      in.write("x\n".getBytes(StandardCharsets.US_ASCII));
      in.flush();
      assertThat(out.readLine()).contains("Connection refused");
      assertThat(e.verify().isInSync()).isTrue();
    } finally {
      e.reconcile(DesiredState.empty(), AppProcesses.none());
      e.close();
    }
    assertThat(Files.exists(cgroup)).isFalse();
  }

  @Test
  void theFlowsAccountingSawArePinnedFirstAndTheSocketsTheAppHoldsReplaceThem() throws Exception {
    Path cgroup = lab.cgroupParent().resolve("seen");
    List<Tx> txs = new ArrayList<>();
    LinuxEnforcer e = watched(txs, cgroup);
    Process app = holdingApp();
    BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("HELD");
    Connection held = SocketTable.connected(SocketTable.of(List.of(app.pid()))).getFirst();
    FlowKey heldFlow = new FlowKey(Protocol.TCP, held.local(), held.localPort(), held.remote(), held.remotePort());
    FlowKey closed = new FlowKey(Protocol.TCP, held.local(), 1, held.remote(), 9);
    try {
      EnforcementReport rep = e.reconcile(DesiredState.combining(List.of(AppRestriction.of("seen").withBlock())),
          AppProcesses.of("seen", Set.of(app.pid())).withFlows("seen", List.of(heldFlow, closed)));
      List<Tx> blockTxs = txs.stream().filter(t -> t.script().contains("kind=block")).toList();

      assertThat(rep.outcomeOf("seen", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.APPLIED);
      assertThat(blockTxs).hasSize(2);
      assertThat(blockTxs.get(0).cgroupExisted()).isFalse();
      assertThat(blockTxs.get(0).script()).doesNotContain("socket cgroupv2").contains(held.nftElement())
          .contains(lab.ipA + " . 1 . " + lab.ipB + " . 9");
      assertThat(blockTxs.get(1).script()).contains("socket cgroupv2").contains(held.nftElement())
          .doesNotContain(lab.ipA + " . 1 . " + lab.ipB + " . 9");
      assertThat(e.verify().isInSync()).isTrue();
    } finally {
      e.reconcile(DesiredState.empty(), AppProcesses.none());
      e.close();
    }
    assertThat(Files.exists(cgroup)).isFalse();
  }
}
