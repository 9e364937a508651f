#!/usr/bin/env bash
# The OSPF lab: real FRR and BIRD 2 routers in network namespaces, plus the FRR listener the
# controller talks to through the OSPF API.
#
#   lab/ospf-lab.sh up   PREFIX RUNDIR   build the lab (namespaces PREFIX-r1 ...), start routers
#   lab/ospf-lab.sh down PREFIX RUNDIR   stop every daemon (pid files) and delete the namespaces
#   lab/ospf-lab.sh exec PREFIX NODE CMD...   run a command inside a node's namespace
#   lab/ospf-lab.sh vtysh PREFIX RUNDIR NODE 'show ...'
#
# Topology (router ids 10.255.0.N; costs 10 unless noted; hello 1 s, dead 4 s):
#
#   area 0:  r1 --p2p 10.0.12.0/30-- r2 --p2p 10.0.23.0/30-- r3     r3 stub LAN 10.3.0.0/24
#            r1, r3, b5 (BIRD), lst (listener) on broadcast LAN 10.0.100.0/24 (bridge in
#            PREFIX-lan); r1's LAN cost is 20, so r1 reaches r3 over two equal-cost paths.
#            b5 stub LAN 10.5.0.0/24; r1 redistributes 198.51.100.0/24 (external, E2 20).
#   area 1:  r2 (ABR) --p2p 10.1.24.0/30-- r4 --p2p 10.1.44.0/30-- lst   r4 stub LAN 10.4.0.0/24
#   lst:     FRR ospfd -a (OSPF API on TCP 2607), max-metric (never transit), priority 0 on the
#            LAN, in both areas. Reached from the root namespace over PREFIX-ctl
#            (CTL_NET, default 172.31.213: .1 root side, .2 listener side).
#
# Needs root, iproute2, frr (zebra, ospfd, vtysh) and bird2. Every name created starts with PREFIX.
set -euo pipefail

FRR_BIN=${FRR_BIN:-/usr/lib/frr}
CTL_NET=${CTL_NET:-172.31.213}

LAB_NAME=ospf-lab
API_ROUTER=lst
. "$(dirname "$0")/frr-lib.sh"

# a stub LAN: a veth pair with both ends in the router's namespace
stub_lan() {
  local r=$1 addr=$2
  ip link add stub netns "$(ns "$r")" type veth peer name stub-peer netns "$(ns "$r")"
  in_ns "$r" ip addr add "$addr" dev stub
  in_ns "$r" ip link set stub up
  in_ns "$r" ip link set stub-peer up
}

lan_port() {
  local r=$1 addr=$2
  link "$r" lan "$addr" lan "p-$r" -
  in_ns lan ip link set "p-$r" master br0
}

build_net() {
  for n in r1 r2 r3 r4 b5 lst lan; do
    ip netns add "$(ns "$n")"
    in_ns "$n" ip link set lo up
    in_ns "$n" sysctl -qw net.ipv4.ip_forward=1
  done
  in_ns lan ip link add br0 type bridge mcast_snooping 0 stp_state 0
  in_ns lan ip link set br0 up
  link r1 to-r2 10.0.12.1/30 r2 to-r1 10.0.12.2/30
  link r2 to-r3 10.0.23.1/30 r3 to-r2 10.0.23.2/30
  link r2 to-r4 10.1.24.1/30 r4 to-r2 10.1.24.2/30
  link r4 to-lst 10.1.44.1/30 lst to-r4 10.1.44.2/30
  lan_port r1 10.0.100.1/24
  lan_port r3 10.0.100.3/24
  lan_port b5 10.0.100.5/24
  lan_port lst 10.0.100.254/24
  stub_lan r3 10.3.0.1/24
  stub_lan r4 10.4.0.1/24
  stub_lan b5 10.5.0.1/24
  in_ns r1 ip route add blackhole 198.51.100.0/24
  ip link add "$PREFIX-ctl" type veth peer name ctl netns "$(ns lst)"
  ip addr add "$CTL_NET.1/30" dev "$PREFIX-ctl"
  ip link set "$PREFIX-ctl" up
  in_ns lst ip addr add "$CTL_NET.2/30" dev ctl
  in_ns lst ip link set ctl up
}

# ospf_if NAME AREA TYPE COST [extra lines]
ospf_if() {
  local name=$1 area=$2 type=$3 cost=$4; shift 4
  echo "interface $name"
  echo " ip ospf area $area"
  [ "$type" = p2p ] && echo " ip ospf network point-to-point"
  echo " ip ospf hello-interval 1"
  echo " ip ospf dead-interval 4"
  echo " ip ospf retransmit-interval 1"
  echo " ip ospf cost $cost"
  for extra in "$@"; do echo " $extra"; done
  echo "!"
}

ospf_router() {
  local rid=$1; shift
  echo "router ospf"
  echo " ospf router-id $rid"
  echo " timers throttle lsa all 0"
  echo " timers lsa min-arrival 0"
  echo " timers throttle spf 0 20 200"
  for extra in "$@"; do echo " $extra"; done
  echo "!"
}

write_frr_conf() {
  local dir="$RUNDIR/r1"; mkdir -p "$dir"
  { ospf_if to-r2 0.0.0.0 p2p 10; ospf_if lan 0.0.0.0 broadcast 20
    ospf_router 10.255.0.1 "redistribute kernel"; } >"$dir/ospfd.conf"
  dir="$RUNDIR/r2"; mkdir -p "$dir"
  { ospf_if to-r1 0.0.0.0 p2p 10; ospf_if to-r3 0.0.0.0 p2p 10; ospf_if to-r4 0.0.0.1 p2p 10
    ospf_router 10.255.0.2; } >"$dir/ospfd.conf"
  dir="$RUNDIR/r3"; mkdir -p "$dir"
  { ospf_if to-r2 0.0.0.0 p2p 10; ospf_if lan 0.0.0.0 broadcast 10; ospf_if stub 0.0.0.0 broadcast 10
    ospf_router 10.255.0.3 "passive-interface stub"; } >"$dir/ospfd.conf"
  dir="$RUNDIR/r4"; mkdir -p "$dir"
  { ospf_if to-r2 0.0.0.1 p2p 10; ospf_if to-lst 0.0.0.1 p2p 10; ospf_if stub 0.0.0.1 broadcast 10
    ospf_router 10.255.0.4 "passive-interface stub"; } >"$dir/ospfd.conf"
  dir="$RUNDIR/lst"; mkdir -p "$dir"
  { ospf_if lan 0.0.0.0 broadcast 10 "ip ospf priority 0"; ospf_if to-r4 0.0.0.1 p2p 10
    ospf_router 10.255.0.254 "max-metric router-lsa administrative"; } >"$dir/ospfd.conf"
  for r in r1 r2 r3 r4 lst; do
    echo "hostname $PREFIX-$r" >"$RUNDIR/$r/zebra.conf"
    sed -i "1i hostname $PREFIX-$r\nlog file $RUNDIR/$r/ospfd.log\n!" "$RUNDIR/$r/ospfd.conf"
  done
}

write_bird_conf() {
  mkdir -p "$RUNDIR/b5"
  cat >"$RUNDIR/b5/bird.conf" <<EOF
router id 10.255.0.5;
log "$RUNDIR/b5/bird.log" all;
protocol device { scan time 10; }
protocol kernel { ipv4 { export all; }; learn; }
protocol ospf v2 ${PREFIX}_ospf {
  ipv4 { import all; export none; };
  area 0 {
    interface "lan" { type broadcast; cost 10; hello 1; dead 4; wait 4; retransmit 2; };
    interface "stub" { stub yes; cost 10; };
  };
}
EOF
}

start_bird() {
  in_ns b5 bird -c "$RUNDIR/b5/bird.conf" -s "$RUNDIR/b5/bird.ctl" -P "$RUNDIR/b5/bird.pid"
}

up() {
  command -v bird >/dev/null || die "expected bird (package bird2), got nothing on PATH"
  [ -x "$FRR_BIN/ospfd" ] || die "expected $FRR_BIN/ospfd (package frr), got nothing"
  mkdir -p "$RUNDIR"
  chmod 755 "$RUNDIR"
  echo "$PREFIX" >"$RUNDIR/prefix"
  build_net
  write_frr_conf
  write_bird_conf
  # FRR daemons drop privileges to the frr user: it owns its routers' directories.
  for r in r1 r2 r3 r4 lst; do chown -R frr:frr "$RUNDIR/$r"; done
  for r in r1 r2 r3 r4 lst; do start_zebra "$r"; done
  for r in r1 r2 r3 r4 lst; do wait_for_socket "$RUNDIR/$r/zebra.vty"; start_ospfd "$r"; done
  start_bird
}

down() {
  if [ -d "$RUNDIR" ]; then
    for f in "$RUNDIR"/*/*.pid; do [ -e "$f" ] && kill_pidfile "$f"; done
  fi
  # Anything still running inside the lab's namespaces was started by this lab.
  for n in r1 r2 r3 r4 b5 lst lan; do
    local name; name=$(ns "$n")
    ip netns list | grep -qw "^$name" || continue
    for pid in $(ip netns pids "$name" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
  done
  for n in r1 r2 r3 r4 b5 lst lan; do
    ip netns list | grep -qw "^$(ns "$n")" && ip netns del "$(ns "$n")" || true
  done
  ip link del "$PREFIX-ctl" 2>/dev/null || true
}

cmd=${1:-}
PREFIX=${2:-}
[ -n "$cmd" ] && [ -n "$PREFIX" ] || die "usage: $0 up|down|exec|vtysh|start|stop PREFIX ..."
[[ "$PREFIX" =~ ^[a-z][a-z0-9]{0,5}$ ]] || die "expected a prefix of 1-6 lower-case letters/digits, got '$PREFIX'"
case "$cmd" in
  up) RUNDIR=${3:?rundir}; up ;;
  down) RUNDIR=${3:-}; down ;;
  exec) node=${3:?node}; shift 3; in_ns "$node" "$@" ;;
  vtysh) RUNDIR=${3:?rundir}; node=${4:?node}; shift 4
    args=(); for c in "$@"; do args+=(-c "$c"); done
    in_ns "$node" vtysh --vty_socket "$RUNDIR/$node" "${args[@]}" ;;
  # start/stop one daemon: start PREFIX RUNDIR NODE zebra|ospfd|bird
  start) RUNDIR=${3:?rundir}; node=${4:?node}; "start_${5:?daemon}" "$node" ;;
  stop) RUNDIR=${3:?rundir}; node=${4:?node}; d=${5:?daemon}
    kill_pidfile "$RUNDIR/$node/$d.pid" ;;
  *) die "expected up, down, exec, vtysh, start or stop, got '$cmd'" ;;
esac
