# shellcheck shell=bash
# tcpdump for the parse-pcap tests (as test_pcap_capture.sh starts it): started
# on loopback in the test's netns, waited for, stopped by its PID. Needs
# sip_peers.sh (PEER_PIDS, check) sourced first.

# start_capture FILE TCPDUMP_ARGS...: tcpdump writing FILE packet by packet once
# it says it listens (5 s at most); its PID in CAPTURE_PIDS[FILE]. Immediate
# mode (nothing left in the ring at SIGINT) uses snaplen-sized frames: the
# default 256 KiB snaplen in 2 MiB is 8 frames and a loopback burst is dropped;
# 16 KiB frames in 16 MiB hold a thousand.
declare -A CAPTURE_PIDS=()
start_capture() {
  local file=$1 i
  shift
  tcpdump "$@" --immediate-mode -s 16384 -B 16384 -U -Z root -w "$file" >"$file.log" 2>&1 &
  CAPTURE_PIDS[$file]=$!
  PEER_PIDS+=("$!")
  for i in $(seq 1 100); do
    grep -q 'listening on' "$file.log" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "FAIL: tcpdump did not start: $(cat "$file.log")"
  exit 1
}

# stop_capture FILE: once FILE has stopped growing (3 s at most), SIGINT to its
# tcpdump by PID and wait for it to write its last packets (5 s at most).
stop_capture() {
  local file=$1 pid=${CAPTURE_PIDS[$1]} size=-1 steady=0 now i
  for i in $(seq 1 30); do
    now=$(stat -c %s "$file" 2>/dev/null || echo 0)
    if [ "$now" = "$size" ]; then steady=$((steady + 1)); else steady=0; fi
    size=$now
    [ "$steady" -ge 3 ] && break
    sleep 0.1
  done
  kill -INT "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "#   $(basename "$file"): $(grep -E 'captured|dropped by kernel' "$file.log" | tr '\n' ' ')"
  check "$(basename "$file"): no packet dropped by the kernel" \
    "$(grep -oE '^[0-9]+ packets dropped by kernel' "$file.log" | cut -d' ' -f1)" 0
}

# run_phone SECONDS SCENARIO_ARGS...: the SIPp UAC of fixtures/sipp/
# uac_register.xml as the phone, given up after SECONDS (SIPp's -timeout: how
# long the phone keeps a server before the next); its exit status is not checked
# (a refused or abandoned REGISTER ends it with 1), the capture is what counts.
run_phone() {
  local seconds=$1
  shift
  (cd "$PEER_DIR" && timeout $((seconds + 10)) sipp -sf "$SOURCE_DIR/fixtures/sipp/uac_register.xml" -m 1 -nostdin \
     -timeout "$seconds" "$@" >>"$PEER_DIR/phone.log" 2>&1) || true
}

# parse_pcap OUT ARGS...: sipfo parse-pcap ARGS, stdout in OUT, exit status in RC.
parse_pcap() {
  local out=$1
  shift
  set +e
  "$SIPFO" parse-pcap "$@" >"$out" 2>"$out.err"
  RC=$?
  set -e
}

# within LOW HIGH VALUE: "yes" when LOW <= VALUE <= HIGH (numbers, decimals too).
within() {
  awk -v lo="$1" -v hi="$2" -v v="$3" 'BEGIN { print (v != "" && v + 0 >= lo && v + 0 <= hi) ? "yes" : "no (" v ")" }'
}
