# shellcheck shell=bash
# Starts an authoritative NSD on a loopback address for a test, loaded with every
# `<origin>.zone` file of a directory, and stops exactly that NSD at exit.
#
#   source tests/integration/lib/nsd.sh
#   nsd_start 127.0.53.1 53053 fixtures/zones   # returns when NSD answers
#   ... kdig @127.0.53.1 -p 53053 NAPTR eslab.local ...
#   nsd_stop                                    # optional: also runs at exit
#
# Only 127.0.0.0/8 and ::1 are accepted: nothing here listens anywhere else.
# Several NSDs may run at once (different address or port); nsd_stop stops all.

_nsd_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=cleanup.sh
source "$_nsd_lib_dir/cleanup.sh"

NSD_PIDS=()
NSD_DIRS=()
NSD_READY_SECONDS=${NSD_READY_SECONDS:-10}

# _nsd_loopback ADDR: true for 127.x.y.z and ::1.
_nsd_loopback() {
  [[ $1 =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ || $1 == ::1 ]]
}

# _nsd_write_conf DIR ADDR PORT ZONE_DIR: nsd.conf in DIR; prints the origins.
_nsd_write_conf() {
  local dir=$1 addr=$2 port=$3 zone_dir=$4 zone origin
  cat > "$dir/nsd.conf" <<CONF
server:
    ip-address: $addr@$port
    port: $port
    do-ip4: $([[ $addr == ::1 ]] && echo no || echo yes)
    do-ip6: $([[ $addr == ::1 ]] && echo yes || echo no)
    username: ""
    chroot: ""
    server-count: 1
    verbosity: 1
    hide-version: yes
    database: ""
    zonesdir: "$zone_dir"
    pidfile: "$dir/nsd.pid"
    xfrdfile: "$dir/xfrd.state"
    xfrdir: "$dir"
    zonelistfile: "$dir/zone.list"
    logfile: "$dir/nsd.log"
remote-control:
    control-enable: no
CONF
  for zone in "$zone_dir"/*.zone; do
    [[ -e $zone ]] || continue
    origin=$(basename "$zone" .zone)
    printf 'zone:\n    name: "%s"\n    zonefile: "%s"\n' "$origin" "$zone" >> "$dir/nsd.conf"
    echo "$origin"
  done
}

# nsd_start ADDR PORT ZONE_DIR: starts NSD and waits (bounded) until it answers
# the SOA query of the first zone. Returns non-zero, with NSD's log on stderr,
# when it cannot start.
nsd_start() {
  local addr=$1 port=$2 zone_dir dir origins pid waited=0
  if ! _nsd_loopback "$addr"; then
    echo "nsd_start: $addr is not a loopback address" >&2
    return 1
  fi
  zone_dir=$(cd "$3" 2>/dev/null && pwd) || { echo "nsd_start: no zone directory $3" >&2; return 1; }
  install_debian_package nsd /usr/sbin/nsd || return 1
  install_debian_package knot-dnsutils /usr/bin/kdig || return 1

  dir=$(mktemp -d "${TMPDIR:-/tmp}/sipfo-nsd.XXXXXX")
  NSD_DIRS+=("$dir")
  mapfile -t origins < <(_nsd_write_conf "$dir" "$addr" "$port" "$zone_dir")
  if (( ${#origins[@]} == 0 )); then
    echo "nsd_start: no *.zone file in $zone_dir" >&2
    return 1
  fi

  /usr/sbin/nsd -d -c "$dir/nsd.conf" > "$dir/stdout.log" 2>&1 &
  pid=$!
  NSD_PIDS+=("$pid")
  if (( ${#NSD_PIDS[@]} == 1 )); then cleanup_on_exit nsd_stop; fi

  while ! kdig @"$addr" -p "$port" SOA "${origins[0]}" +time=1 +retry=0 +short 2>/dev/null | grep -q .; do
    if ! kill -0 "$pid" 2>/dev/null || (( waited >= NSD_READY_SECONDS * 10 )); then
      echo "nsd_start: NSD on $addr@$port did not answer for ${origins[0]}; its log:" >&2
      cat "$dir/nsd.log" "$dir/stdout.log" >&2 2>/dev/null
      return 1
    fi
    sleep 0.1
    waited=$(( waited + 1 ))
  done
  echo "nsd: $addr@$port serving ${origins[*]} (pid $pid)" >&2
}

# nsd_stop: stops every NSD nsd_start started (and only those), removes their files.
nsd_stop() {
  local pid dir
  for pid in "${NSD_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait_for_exit "$pid" 5
  done
  for dir in "${NSD_DIRS[@]}"; do
    rm -rf -- "$dir"
  done
  NSD_PIDS=()
  NSD_DIRS=()
}
