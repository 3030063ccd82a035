#!/usr/bin/env bash
# Writes the release packages to dist/ (run it through `make dist`, which
# installs what it needs first):
#   reachmap-VERSION-linux-amd64.tar.xz   fyne package's tarball, completed with
#                                         the desktop file, metainfo, icons, licences
#   reachmap_VERSION_amd64.deb            dpkg-deb from a staged /usr tree
#   reachmap-VERSION-windows-amd64.exe    fyne package -os windows (mingw-w64),
#                                         with its icon and version resource
#   SHA256SUMS
# Both binaries are release builds (-trimpath, -s -w, the Makefile's tags and
# dist) stamped with the Makefile's LDFLAGS, and embed the notices of the Go
# modules they link (scripts/notices.sh for their system).
set -euo pipefail
cd "$(dirname "$0")/.."
FYNE=${FYNE:-$(go env GOPATH)/bin/fyne}
version=$(make -s print-version)
ldflags=$(make -s print-ldflags) # once, so both binaries carry the same stamp
id=$(sed -n 's/^[[:space:]]*ID[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
tags=$(make -s print-tags),dist
work=build/dist
rm -rf dist "$work"
mkdir -p dist "$work"
echo "$ldflags" >"$work/ldflags" # what dist-check expects the binaries to say
log() { printf 'dist: %s (%ss)\n' "$*" "$SECONDS"; }

# fyne package adds one to Details.Build in FyneApp.toml after each run; a
# release keeps the file as committed. Its by-products go too.
cp FyneApp.toml "$work/FyneApp.toml"
cleanup() {
  cp "$work/FyneApp.toml" FyneApp.toml
  rm -f internal/about/third_party_notices.txt reachmap reachmap.exe Reachmap.exe \
    Reachmap.tar.xz fyne.syso fyne_metadata_init.go
}
trap cleanup EXIT

# fyne package takes -ldflags= entries from GOFLAGS (values without spaces:
# -X=name=value) and adds -s -w and -trimpath itself with --release.
goflags=""
for x in $ldflags; do [ "$x" = -X ] || goflags+=" -ldflags=-X=$x"; done
export GOFLAGS="${goflags# }"

# notices OS: the third-party notices of that system's build, embedded in
# the binary (notices_dist.go) and shipped beside it.
notices() {
  # (listed without the dist tag, whose embedded file this is; the
  # modules are the same)
  scripts/notices.sh "$1" "$(make -s print-tags)" >"$work/notices-$1.txt"
  cp "$work/notices-$1.txt" internal/about/third_party_notices.txt
}

# check_modules BINARY NOTICES: every module `go version -m` lists in the
# binary has its section in the notices.
check_modules() {
  local missing=0
  while read -r mod ver; do
    grep -qxF "$mod $ver" "$2" || { echo "dist: $1 links $mod $ver, missing from $2" >&2; missing=1; }
  done < <(go version -m "$1" | awk '$1 == "dep" { print $2, $3 } $1 == "=>" { print $2, $3 }')
  return $missing
}

# --- Linux -----------------------------------------------------------------
log "linux: notices"
notices linux
log "linux: fyne package"
timeout 45m "$FYNE" package -os linux --release --tags "$tags"
tar -xJf Reachmap.tar.xz -C "$work"
rm Reachmap.tar.xz
tree=$work/reachmap # fyne's folder: Makefile and usr/local/ (or usr/)
prefix=$tree/usr/local
[ -d "$prefix" ] || prefix=$tree/usr
check_modules "$prefix/bin/reachmap" "$work/notices-linux.txt"
cp "$prefix/bin/reachmap" "$work/reachmap-linux"

# What fyne's tarball lacks: the desktop file with its translations and
# keywords, the metainfo, the icon in the usual sizes, the licences.
date=$(date -u -d "$(echo "$ldflags" | sed -n 's/.*stampedDate=\([^ ]*\).*/\1/p')" +%Y-%m-%d)
add_share() { # ROOT: the files of share/ and doc under a prefix
  local root=$1 docdir=$1/share/doc/reachmap
  rm -rf "$root/share/pixmaps" "$root/share/applications"
  install -Dm644 "packaging/linux/$id.desktop" "$root/share/applications/$id.desktop"
  mkdir -p "$root/share/metainfo"
  sed "s/@VERSION@/$version/; s/@DATE@/$date/" "packaging/linux/$id.metainfo.xml" >"$root/share/metainfo/$id.metainfo.xml"
  for s in 16 24 32 48 64 128 256 512; do
    mkdir -p "$root/share/icons/hicolor/${s}x$s/apps"
    convert assets/icon.png -resize "${s}x$s" -depth 8 -strip "$root/share/icons/hicolor/${s}x$s/apps/$id.png"
  done
  install -Dm644 "$work/notices-linux.txt" "$docdir/THIRD_PARTY_NOTICES.txt"
  install -Dm644 assets/NOTICE "$docdir/NOTICE"
  install -Dm644 packaging/linux/copyright "$docdir/copyright"
}
add_share "$prefix"
cp packaging/linux/Makefile "$tree/Makefile"
tarball=dist/reachmap-$version-linux-amd64.tar.xz
tar --owner=0 --group=0 --sort=name -C "$work" -cJf "$tarball" reachmap
log "linux: $tarball"

# --- .deb ------------------------------------------------------------------
# dpkg-deb from a staged tree: Debian's own tool, on every Debian and Ubuntu
# machine already, building from the same files as the tarball; and
# dpkg-shlibdeps, which reads the binary's ELF needs, writes Depends.
stage=$work/deb
install -Dm755 "$work/reachmap-linux" "$stage/usr/bin/reachmap"
add_share "$stage/usr"
mkdir -p "$work/shlibs/debian" "$stage/DEBIAN"
printf 'Source: reachmap\n\nPackage: reachmap\nArchitecture: amd64\n' >"$work/shlibs/debian/control"
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$OLDPWD/$stage/usr/bin/reachmap" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "dist: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# GLFW opens the X extension libraries at run time (dlopen), out of
# dpkg-shlibdeps' sight.
depends+=", libx11-xcb1, libxcursor1, libxi6, libxinerama1, libxrandr2, libxrender1, libxxf86vm1"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed "s/@VERSION@/$version/; s/@SIZE@/$size/; s/@DEPENDS@/$depends/" packaging/linux/control.in >"$stage/DEBIAN/control"
deb=dist/reachmap_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
log "deb: $deb (Depends: $depends)"

# --- Windows ---------------------------------------------------------------
# fyne package -os windows builds, writes the icon and version resource
# (fyne.syso), then builds again with it. Named with --exe, an existing
# reachmap.exe makes it skip the first build: that one would be thrown
# away, and would use up the GOFLAGS stamp, which fyne reads only once
# (unnamed, fyne deletes it as stale and builds twice, the second time
# unstamped).
log "windows: notices"
notices windows
: >reachmap.exe
log "windows: fyne package"
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
  timeout 45m "$FYNE" package -os windows --release --tags "$tags" --exe reachmap.exe
exe=dist/reachmap-$version-windows-amd64.exe
mv Reachmap.exe "$exe"
check_modules "$exe" "$work/notices-windows.txt"
log "windows: $exe"

(cd dist && sha256sum -- *.tar.xz *.deb *.exe >SHA256SUMS)
log "done"
ls -l dist
