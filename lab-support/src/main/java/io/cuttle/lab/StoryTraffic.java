package io.cuttle.lab;

import io.cuttle.lab.LabHost.App;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The iperf3 traffic of the lab's story: a plain server in the sink for every app of every host, metered
 * per port, and a client per app in its host, paced to the app's rate, started and stopped by app name.
 * The processes belong to the lab, which stops what is left.
 */
public final class StoryTraffic {
  /** The bulk app, whose transfers a block resets. */
  public static final String BULK_APP = "backup";
  private final WanLab lab;
  private final List<LabHost> hosts;
  private final int clientSeconds;
  private final Map<Integer, Process> clients = new HashMap<>();
  private final Map<Integer, Process> servers = new HashMap<>();

  /** Traffic of {@code hosts} in {@code lab}, each client running for {@code clientSeconds} at most. */
  public StoryTraffic(WanLab lab, List<LabHost> hosts, int clientSeconds) {
    this.lab = lab;
    this.hosts = List.copyOf(hosts);
    this.clientSeconds = clientSeconds;
  }

  /** Meters every app's port in the sink and starts a server for each; returns once they have had 300 ms. */
  public void startServers() throws InterruptedException {
    lab.installMeter(hosts.stream().flatMap(h -> h.apps.stream()).mapToInt(App::port).toArray());
    for (LabHost h : hosts) {
      for (App a : h.apps) {
        servers.put(a.port(), lab.start("sink", true, Iperf.plainServer(a.port())));
      }
    }
    Thread.sleep(300);
  }

  /** Starts the named apps' clients on every host. */
  public void startClients(String... apps) {
    for (String app : apps) {
      for (LabHost h : hosts) {
        App a = h.app(app);
        clients.put(a.port(), lab.start("h" + h.n, true,
            Iperf.pacedClient(WanLab.SINK_IP, a.port(), clientSeconds, a.paceBps())));
      }
    }
  }

  /** Stops the named app's clients on every host and waits for them. */
  public void endClients(String app) throws InterruptedException {
    for (LabHost h : hosts) {
      Process p = clients.remove(h.app(app).port());
      p.destroy();
      p.waitFor();
    }
  }

  /**
   * The blocked bulk transfers failed and their servers still wait for them: fresh servers, then new
   * transfers (after 300 ms).
   */
  public void restartBulk() throws InterruptedException {
    for (LabHost h : hosts) {
      int port = h.app(BULK_APP).port();
      servers.remove(port).destroyForcibly().waitFor();
      clients.remove(port).destroyForcibly().waitFor();
      servers.put(port, lab.start("sink", true, Iperf.plainServer(port)));
    }
    Thread.sleep(300);
    startClients(BULK_APP);
  }
}
