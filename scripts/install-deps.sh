#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Reachmap needs and that are missing.
#   scripts/install-deps.sh build   — to build and run the app (cgo + OpenGL + X11 headers)
#   scripts/install-deps.sh test    — also what the tests need (Xvfb, ImageMagick, dnsmasq, xdotool, Chromium, poppler-utils for the PDF tests)
#   scripts/install-deps.sh dist    — also what `make dist` needs (mingw-w64, Wine, the desktop and
#                                     AppStream validators, ImageMagick, Xvfb for the Wine screenshot)
# It uses sudo when not root, and calls apt-get only when something is missing.
set -euo pipefail

what=${1:-build}
pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev)
if [ "$what" = test ]; then
  pkgs+=(xvfb imagemagick dnsmasq-base xdotool x11-utils chromium poppler-utils)
fi
if [ "$what" = dist ]; then
  pkgs+=(gcc-mingw-w64-x86-64 wine wine64 desktop-file-utils appstream imagemagick xz-utils xvfb x11-utils)
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "install-deps: missing packages ${missing[*]}, and this system has no apt-get; install them by hand" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
