#!/usr/bin/env bash
# Writes the third-party notices of every Go module linked into Reachmap
# for one target system: for each module that `go list -deps` finds behind
# the main package (the same set `go version -m` later shows in the binary;
# scripts/dist.sh checks that), its path, version and the text of each
# licence or notice file at its root. Go's own licence comes first.
# A module with no licence file stops the build: shipping it unnamed is not
# an option.
#   scripts/notices.sh linux|windows|darwin [TAGS] > THIRD_PARTY_NOTICES.txt
set -euo pipefail
goos=${1:?usage: notices.sh GOOS [TAGS]}
cd "$(dirname "$0")/.."
tags=${2:-$(make -s print-tags)}

echo "Third-party notices for Reachmap ($goos)"
echo
echo "Reachmap is built with Go and links the Go modules listed below. Each"
echo "keeps its own licence, reproduced here from the module's source."
echo "The data Reachmap embeds (world map, GeoIP) is listed in NOTICE."
echo
echo "================================================================"
echo "Go standard library and runtime $(go env GOVERSION)"
echo "================================================================"
cat "$(go env GOROOT)/LICENSE"

mods=$(GOOS=$goos CGO_ENABLED=1 go list -tags "$tags" -deps \
  -f '{{with .Module}}{{if not .Main}}{{.Path}}@{{.Version}}|{{with .Replace}}{{.Dir}}{{else}}{{.Dir}}{{end}}{{end}}{{end}}' . | sort -u)
missing=()
while IFS='|' read -r mod dir; do
  [ -n "$mod" ] || continue
  files=$(find "$dir" -maxdepth 1 -type f \( -iname 'LICEN[CS]E*' -o -iname 'COPYING*' -o -iname 'NOTICE*' -o -iname 'PATENTS*' \) | sort)
  if [ -z "$files" ]; then
    missing+=("$mod")
    continue
  fi
  echo
  echo "================================================================"
  echo "${mod/@/ }"
  echo "================================================================"
  for f in $files; do
    [ "$(echo "$files" | wc -l)" -gt 1 ] && echo "--- $(basename "$f")"
    cat "$f"
  done
done <<<"$mods"
if [ ${#missing[@]} -gt 0 ]; then
  echo "notices: no licence file at the root of ${missing[*]}" >&2
  exit 1
fi
