# Shared by the lab scripts (sourced): namespaces, veths and FRR daemons started per router with
# explicit config, pid, zserv and vty paths under $RUNDIR/<router>. The sourcing script sets
# LAB_NAME (for messages), PREFIX, RUNDIR, FRR_BIN and API_ROUTER (the router whose ospfd serves
# the OSPF API).

die() { echo "$LAB_NAME: $*" >&2; exit 1; }

ns() { echo "$PREFIX-$1"; }

in_ns() { local n=$1; shift; ip netns exec "$(ns "$n")" "$@"; }

# veth between two namespaces: link A IFA ADDR_A B IFB ADDR_B (addresses with /len, or -)
link() {
  local a=$1 ifa=$2 addra=$3 b=$4 ifb=$5 addrb=$6
  ip link add "$ifa" netns "$(ns "$a")" type veth peer name "$ifb" netns "$(ns "$b")"
  [ "$addra" = - ] || in_ns "$a" ip addr add "$addra" dev "$ifa"
  [ "$addrb" = - ] || in_ns "$b" ip addr add "$addrb" dev "$ifb"
  in_ns "$a" ip link set "$ifa" up
  in_ns "$b" ip link set "$ifb" up
}

start_zebra() {
  local r=$1 dir="$RUNDIR/$1"
  in_ns "$r" "$FRR_BIN/zebra" -d -N "$(ns "$r")" -f "$dir/zebra.conf" \
    -i "$dir/zebra.pid" -z "$dir/zserv.api" --vty_socket "$dir" -P 0 >>"$dir/start.log" 2>&1
}

start_ospfd() {
  local r=$1 dir="$RUNDIR/$1" api=()
  [ "$r" = "$API_ROUTER" ] && api=(-a)
  in_ns "$r" "$FRR_BIN/ospfd" -d -N "$(ns "$r")" -f "$dir/ospfd.conf" \
    -i "$dir/ospfd.pid" -z "$dir/zserv.api" --vty_socket "$dir" -P 0 "${api[@]}" >>"$dir/start.log" 2>&1
}

wait_for_socket() {
  local file=$1
  for _ in $(seq 1 100); do [ -S "$file" ] && return 0; sleep 0.05; done
  die "expected $file to appear within 5 s, got nothing"
}

kill_pidfile() {
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f" 2>/dev/null || true)
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -f "$f"
}
