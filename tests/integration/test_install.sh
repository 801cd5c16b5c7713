#!/usr/bin/env bash
# sipfo installs as a Debian tool (issue 14): `cmake --install` into a DESTDIR
# puts the binary, the man pages and the three shells' completions in Debian's
# paths; `cpack -G DEB` makes a .deb whose Depends (from dpkg-shlibdeps) name
# the runtime libraries, and that apt would install (apt-get -s) as it stands.
# Usage: test_install.sh SIPFO_BINARY SOURCE_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/cleanup.sh"
source "$here/lib/sip_peers.sh"
SIPFO="$1"
SOURCE_DIR="$2"
BUILD_DIR="$(cd "$(dirname "$SIPFO")" && pwd)"
scratch=$(mktemp -d)
cleanup_on_exit "rm -rf '$scratch'"

# 1. cmake --install into a DESTDIR, prefix /usr as Debian's.
DESTDIR="$scratch/root" cmake --install "$BUILD_DIR" --prefix /usr >"$scratch/install.log" 2>&1 ||
  { cat "$scratch/install.log"; check "cmake --install" failed ok; }
root="$scratch/root"
expected=(usr/bin/sipfo
  usr/share/bash-completion/completions/sipfo
  usr/share/zsh/vendor-completions/_sipfo
  usr/share/fish/vendor_completions.d/sipfo.fish)
for page in "$SOURCE_DIR"/man/*.1; do expected+=("usr/share/man/man1/$(basename "$page")"); done
for path in "${expected[@]}"; do
  check "installed $path" "$([ -f "$root/$path" ] && echo yes || echo no)" yes
done
check "nothing else installed" "$(cd "$root" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')" \
  "$(printf '%s\n' "${expected[@]}" | sort | tr '\n' ' ')"
check "the installed binary runs" "$("$root/usr/bin/sipfo" --version)" "sipfo $(sed -n 's/^project(sipfo VERSION \([0-9.]*\).*/\1/p' "$SOURCE_DIR/CMakeLists.txt")"
check "the installed binary is executable by all" "$(stat -c %a "$root/usr/bin/sipfo")" 755
check "sipfo(1) renders from its installed place" \
  "$(MANWIDTH=80 man -l "$root/usr/share/man/man1/sipfo.1" 2>/dev/null | grep -c '^SOURCES' || true)" 1

# 2. The .deb: built by CPack from the same install rules.
if ! (cd "$scratch" && cpack -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$scratch/deb" >"$scratch/cpack.log" 2>&1); then
  cat "$scratch/cpack.log"
  check "cpack -G DEB" failed ok
  finish
  exit 1
fi
debs=("$scratch"/deb/sipfo_*.deb)
check "one sipfo_VERSION_ARCH.deb" "${#debs[@]} $([ -f "${debs[0]}" ] && echo exists)" "1 exists"
deb=${debs[0]}
info=$(dpkg-deb --info "$deb")
check "package name" "$(dpkg-deb --field "$deb" Package)" sipfo
check "architecture is the machine's" "$(dpkg-deb --field "$deb" Architecture)" "$(dpkg --print-architecture)"
depends=$(dpkg-deb --field "$deb" Depends)
# dpkg-shlibdeps: every shared library the binary links comes from a package in Depends.
for library in libc.so libstdc++.so libcares.so libfmt.so libre2.so libssl.so libz.so; do
  soname=$(ldd "$SIPFO" | awk -v l="$library" 'index($1, l) == 1 { print $3; exit }')
  [ -n "$soname" ] || continue
  package=$(dpkg -S "$(readlink -f "$soname")" 2>/dev/null | head -n 1 | cut -d: -f1) ||
    package=$(dpkg -S "$soname" | head -n 1 | cut -d: -f1)
  check "Depends names $package (for $library)" "$(printf '%s' "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -cx "$package" || true)" 1
done
check "dpkg-deb --info shows a description" "$(printf '%s\n' "$info" | grep -c 'DNS and SIP failover' || true)" 1
dpkg -x "$deb" "$scratch/x"
for path in "${expected[@]}"; do
  check "the .deb holds /$path" "$([ -f "$scratch/x/$path" ] && echo yes || echo no)" yes
done
check "the packaged binary runs" "$("$scratch/x/usr/bin/sipfo" -V)" "$("$SIPFO" --version)"
check "the packaged binary is stripped" "$(file -b "$scratch/x/usr/bin/sipfo" | grep -o 'not stripped' || echo stripped)" stripped
# apt's own resolver on the real package lists: every dependency can be met
# (a simulation; nothing is installed on this machine).
if apt-get -s install "$deb" >"$scratch/apt.log" 2>&1; then
  check "apt-get -s install ./sipfo_*.deb resolves" "$(grep -c '^Inst sipfo ' "$scratch/apt.log" || true)" 1
else
  cat "$scratch/apt.log"
  check "apt-get -s install ./sipfo_*.deb" failed ok
fi
finish
