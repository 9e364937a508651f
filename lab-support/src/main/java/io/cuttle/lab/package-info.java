/**
 * The lab that the demo, the end-to-end tests and the benchmarks share: the FRR WAN lab of
 * {@code lab/wan-lab.sh} started and stopped under a name prefix ({@link io.cuttle.lab.WanLab}) with a
 * byte meter per destination port in its sink ({@link io.cuttle.lab.SinkMeter}); branch hosts with a
 * daemon configured by a {@code daemon.yaml} of their own ({@link io.cuttle.lab.LabHost},
 * {@link io.cuttle.lab.LabDaemons}) and the story's iperf3 apps ({@link io.cuttle.lab.StoryTraffic});
 * processes started in network namespaces and stopped at the end ({@link io.cuttle.lab.LabProcesses});
 * iperf3 runs measured at the receiver ({@link io.cuttle.lab.Iperf}); and the checks that an adapter
 * left nothing in the kernel: no nft table, tc qdisc or class, or app cgroup
 * ({@link io.cuttle.lab.AdapterObjects}, {@link io.cuttle.lab.LabCgroups}).
 */
package io.cuttle.lab;
