#!/usr/bin/env bash
# Runs COMMAND in a network namespace of its own in which the only interface is
# lo, up (127.0.0.0/8 and ::1): whatever COMMAND starts and whatever it looks up,
# no packet can leave loopback, since every other address is unreachable
# (ENETUNREACH). CTest runs every integration script through this
# (tests/CMakeLists.txt), so a new tests/integration/test_*.sh gets it too.
#
# The namespace also has its own hostname, sipfo-test, and its own /etc/hosts
# mapping it (and localhost) to loopback: a peer that looks its host name up at
# start (Kamailio does, whatever dns=no says) finds it in /etc/hosts instead of
# asking the resolver of /etc/resolv.conf. The mounts are private to the
# namespace: the machine's /etc/hosts is never written.
#
# Root gets the namespaces directly (CI); another user gets them inside a user
# namespace (unshare --map-root-user) where the kernel allows one. When neither
# works the command does not run: it fails, rather than run unconfined.
# Usage: in_netns.sh COMMAND [ARG...]
set -euo pipefail

readonly netns_hostname=sipfo-test

if [[ ${1:-} != --inside && ${1:-} != --inside-shared-mounts ]]; then
  [[ $# -gt 0 ]] || { echo "usage: in_netns.sh COMMAND [ARG...]" >&2; exit 2; }
  self=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
  namespaces=(--net --uts --mount)
  [[ $(id -u) -eq 0 ]] || namespaces+=(--user --map-root-user)
  if unshare "${namespaces[@]}" true 2>/dev/null; then
    exec unshare "${namespaces[@]}" -- "$self" --inside "$@"
  fi
  # Inside a chroot (a debootstrap root, as ../shared/tools/fresh-debian.sh
  # makes) unshare cannot make the mounts private ("cannot change root
  # filesystem propagation"), and a bind mount would then reach the parent's
  # namespace. There the network and UTS namespaces alone still keep every
  # packet on loopback; the host name becomes "localhost", which /etc/hosts maps.
  if [[ $(id -u) -eq 0 ]] && unshare --net --uts true 2>/dev/null; then
    exec unshare --net --uts -- "$self" --inside-shared-mounts "$@"
  fi
  echo "in_netns.sh: cannot make a network namespace (unshare ${namespaces[*]}); run as root" >&2
  exit 1
fi
mode=$1
shift

# Inside: only lo, up. Anything else means this is not a fresh namespace.
ip link set lo up
if ip -o link show | grep -v ': lo:' | grep -q .; then
  echo "in_netns.sh: an interface other than lo is here:" >&2
  ip -o link show >&2
  exit 1
fi

if [[ $mode == --inside-shared-mounts ]]; then
  # No private mounts: /etc/hosts cannot be covered. A debootstrap root has
  # none at all; give it the two lines every Debian system's /etc/hosts starts
  # with, and never touch an existing one.
  [[ -e /etc/hosts ]] || printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' >/etc/hosts
  hostname localhost 2>/dev/null || echo localhost >/proc/sys/kernel/hostname
  export SIPFO_NETNS=1
  exec "$@"
fi

# sethostname(2) (the hostname command); /proc/sys where that is missing.
hostname "$netns_hostname" 2>/dev/null || echo "$netns_hostname" >/proc/sys/kernel/hostname
hosts_text="127.0.0.1 localhost $netns_hostname
::1 localhost ip6-localhost ip6-loopback $netns_hostname
"
if [[ -f /etc/hosts ]]; then
  # A file bind-mounted over /etc/hosts; the mount keeps it after the unlink.
  hosts=$(mktemp "${TMPDIR:-/tmp}/sipfo-netns-hosts.XXXXXX")
  printf '%s' "$hosts_text" >"$hosts"
  chmod 644 "$hosts"
  mount --bind "$hosts" /etc/hosts
  rm -f "$hosts"
else
  # No /etc/hosts to cover (a debootstrap root has none): a private copy of /etc
  # on a tmpfs, with a hosts file, mounted over /etc for this namespace only.
  etc=$(mktemp -d "${TMPDIR:-/tmp}/sipfo-netns-etc.XXXXXX")
  mount -t tmpfs -o mode=755 sipfo-netns-etc "$etc"
  cp -a /etc/. "$etc/"
  printf '%s' "$hosts_text" >"$etc/hosts"
  chmod 644 "$etc/hosts"
  mount --bind "$etc" /etc
  umount "$etc"
  rmdir "$etc"
fi

export SIPFO_NETNS=1
exec "$@"
