#!/usr/bin/env bash
# The WAN lab: a branch site with a WAN uplink and a backup path, real FRR routers in network
# namespaces, a host namespace on the branch LAN and a sink in the data centre.
#
#   lab/wan-lab.sh up   PREFIX RUNDIR    build the lab, start the routers
#   lab/wan-lab.sh down PREFIX RUNDIR    stop every daemon (pid files) and delete the namespaces
#   lab/wan-lab.sh wan  PREFIX down|up   take the WAN link down (carrier loss) or up again
#   lab/wan-lab.sh vtysh PREFIX RUNDIR NODE 'show ...'
#
# Topology (router ids 10.255.7.N; p2p links, hello 1 s, dead 4 s):
#
#   host PREFIX-h1 10.207.2.10 --lan 10.207.2.0/24-- br (10.255.7.1)
#   host PREFIX-h2 10.207.3.10 --lan2 10.207.3.0/24-- br              (a second branch host)
#   br --wan 10.207.12.0/30, cost 10-- hub (10.255.7.2)
#   br --10.207.13.0/30, cost 50-- bk (10.255.7.3) --10.207.14.0/30, cost 50-- hub   (backup path)
#   hub --dc 10.207.9.0/24-- sink PREFIX-sink 10.207.9.10
#   hub runs ospfd -a (OSPF API on TCP 2607), reached from the root namespace over PREFIX-ctl
#   (CTL_NET, default 172.31.217: .1 root side, .2 hub side; not in OSPF).
#   hub also runs net-snmp's snmpd on CTL_NET.2:SNMP_PORT (default 1161; community
#   SNMP_COMMUNITY, default PREFIX-ro, readable from CTL_NET.1 only) with its interface cache off,
#   when snmpd is installed: the controller measures the WAN link's load on the hub's wan interface.
#
# The hosts' uplinks are PREFIX-h1-up and PREFIX-h2-up; the sink's is PREFIX-sink-dn. Needs root,
# iproute2 and frr (and snmpd + snmpset from the snmpd and snmp packages for the load).
set -euo pipefail

FRR_BIN=${FRR_BIN:-/usr/lib/frr}
CTL_NET=${CTL_NET:-172.31.217}
SNMP_PORT=${SNMP_PORT:-1161}
# nsCacheTimeout of ifTable (NET-SNMP-AGENT-MIB), whose cache also serves ifXTable
IF_CACHE_OID=.1.3.6.1.4.1.8072.1.5.3.1.2.1.3.6.1.2.1.2.2
ROUTERS=(br hub bk)

LAB_NAME=wan-lab
API_ROUTER=hub
. "$(dirname "$0")/frr-lib.sh"

build_net() {
  for n in "${ROUTERS[@]}" h1 h2 sink; do
    ip netns add "$(ns "$n")"
    in_ns "$n" ip link set lo up
  done
  for r in "${ROUTERS[@]}"; do in_ns "$r" sysctl -qw net.ipv4.ip_forward=1; done
  link br wan 10.207.12.1/30 hub wan 10.207.12.2/30
  link br to-bk 10.207.13.1/30 bk to-br 10.207.13.2/30
  link bk to-hub 10.207.14.1/30 hub to-bk 10.207.14.2/30
  link h1 "$PREFIX-h1-up" 10.207.2.10/24 br lan 10.207.2.1/24
  link h2 "$PREFIX-h2-up" 10.207.3.10/24 br lan2 10.207.3.1/24
  link sink "$PREFIX-sink-dn" 10.207.9.10/24 hub dc 10.207.9.1/24
  in_ns h1 ip route add default via 10.207.2.1
  in_ns h2 ip route add default via 10.207.3.1
  in_ns sink ip route add default via 10.207.9.1
  ip link add "$PREFIX-ctl" type veth peer name ctl netns "$(ns hub)"
  ip addr add "$CTL_NET.1/30" dev "$PREFIX-ctl"
  ip link set "$PREFIX-ctl" up
  in_ns hub ip addr add "$CTL_NET.2/30" dev ctl
  in_ns hub ip link set ctl up
}

# ospf_if NAME COST [passive]
ospf_if() {
  echo "interface $1"
  echo " ip ospf area 0.0.0.0"
  [ "${3:-}" = passive ] || echo " ip ospf network point-to-point"
  echo " ip ospf hello-interval 1"
  echo " ip ospf dead-interval 4"
  echo " ip ospf retransmit-interval 1"
  echo " ip ospf cost $2"
  echo "!"
}

ospf_router() {
  local rid=$1; shift
  echo "router ospf"
  echo " ospf router-id $rid"
  echo " timers throttle lsa all 0"
  echo " timers lsa min-arrival 0"
  echo " timers throttle spf 0 20 200"
  for p in "$@"; do echo " passive-interface $p"; done
  echo "!"
}

write_frr_conf() {
  mkdir -p "$RUNDIR"/{br,hub,bk}
  { ospf_if wan 10; ospf_if to-bk 50; ospf_if lan 10 passive; ospf_if lan2 10 passive; ospf_router 10.255.7.1 lan lan2; } >"$RUNDIR/br/ospfd.conf"
  { ospf_if wan 10; ospf_if to-bk 50; ospf_if dc 10 passive; ospf_router 10.255.7.2 dc; } >"$RUNDIR/hub/ospfd.conf"
  { ospf_if to-br 50; ospf_if to-hub 50; ospf_router 10.255.7.3; } >"$RUNDIR/bk/ospfd.conf"
  for r in "${ROUTERS[@]}"; do
    echo "hostname $PREFIX-$r" >"$RUNDIR/$r/zebra.conf"
    sed -i "1i hostname $PREFIX-$r\nlog file $RUNDIR/$r/ospfd.log\n!" "$RUNDIR/$r/ospfd.conf"
  done
}

up() {
  [ -x "$FRR_BIN/ospfd" ] || die "expected $FRR_BIN/ospfd (package frr), got nothing"
  mkdir -p "$RUNDIR"
  chmod 755 "$RUNDIR"
  build_net
  write_frr_conf
  # FRR daemons drop privileges to the frr user: it owns its routers' directories.
  for r in "${ROUTERS[@]}"; do chown -R frr:frr "$RUNDIR/$r"; done
  for r in "${ROUTERS[@]}"; do start_zebra "$r"; done
  for r in "${ROUTERS[@]}"; do wait_for_socket "$RUNDIR/$r/zebra.vty"; start_ospfd "$r"; done
  if command -v snmpd >/dev/null && command -v snmpset >/dev/null; then
    start_snmpd
  else
    echo "$LAB_NAME: snmpd or snmpset not installed: no load measurement" >&2
  fi
}

# snmpd in the hub on the control link, interface counters read when asked (cache off)
start_snmpd() {
  local dir="$RUNDIR/hub/snmp" community=${SNMP_COMMUNITY:-$PREFIX-ro} agent="$CTL_NET.2:$SNMP_PORT"
  mkdir -p "$dir"
  printf 'dontLogTCPWrappersConnects yes\nrocommunity %s %s.1\nrwcommunity %s-rw %s.1 %s\n' "$community" "$CTL_NET" "$PREFIX" "$CTL_NET" \
    "$IF_CACHE_OID" >"$dir/snmpd.conf"
  SNMP_PERSISTENT_DIR="$dir" MIBS="" in_ns hub snmpd -C -c "$dir/snmpd.conf" -p "$RUNDIR/hub/snmpd.pid" \
    -Lf "$dir/snmpd.log" "udp:$agent"
  for _ in $(seq 1 100); do
    MIBS="" snmpget -v2c -c "$community" -t 0.2 -r 0 "$agent" .1.3.6.1.2.1.1.3.0 >/dev/null 2>&1 && break
    sleep 0.1
  done
  MIBS="" snmpset -v2c -c "$PREFIX-rw" -t 1 -r 2 "$agent" "$IF_CACHE_OID" i 0 >/dev/null \
    || die "expected snmpd in $(ns hub) to answer on $agent, got nothing (log: $dir/snmpd.log)"
}

down() {
  if [ -n "${RUNDIR:-}" ] && [ -d "$RUNDIR" ]; then
    for f in "$RUNDIR"/*/*.pid; do [ -e "$f" ] && kill_pidfile "$f"; done
  fi
  # Anything still running inside the lab's namespaces was started by this lab.
  for n in "${ROUTERS[@]}" h1 h2 sink; do
    local name; name=$(ns "$n")
    ip netns list | grep -qw "^$name" || continue
    for pid in $(ip netns pids "$name" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
  done
  for n in "${ROUTERS[@]}" h1 h2 sink; do
    ip netns list | grep -qw "^$(ns "$n")" && ip netns del "$(ns "$n")" || true
  done
  ip link del "$PREFIX-ctl" 2>/dev/null || true
}

cmd=${1:-}
PREFIX=${2:-}
[ -n "$cmd" ] && [ -n "$PREFIX" ] || die "usage: $0 up|down|wan|vtysh PREFIX ..."
[[ "$PREFIX" =~ ^[a-z][a-z0-9]{0,5}$ ]] || die "expected a prefix of 1-6 lower-case letters/digits, got '$PREFIX'"
case "$cmd" in
  up) RUNDIR=${3:?rundir}; up ;;
  down) RUNDIR=${3:-}; down ;;
  wan) state=${3:?down or up}; [[ "$state" =~ ^(up|down)$ ]] || die "expected down or up, got '$state'"
    in_ns br ip link set wan "$state" ;;
  vtysh) RUNDIR=${3:?rundir}; node=${4:?node}; shift 4
    args=(); for c in "$@"; do args+=(-c "$c"); done
    in_ns "$node" vtysh --vty_socket "$RUNDIR/$node" "${args[@]}" ;;
  *) die "expected up, down, wan or vtysh, got '$cmd'" ;;
esac
