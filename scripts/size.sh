#!/usr/bin/env bash
# What makes the binary large (`make size`): builds the release binary
# (-trimpath, -s -w) and one with symbols, then prints their sizes, the ELF
# sections (size -A) and what each Go module and package costs, from the
# symbol sizes `go tool nm -size` reports. Sizes are bytes of code and
# data in the binary; they add up to less than the file (headers, the
# symbol tables of the unstripped one).
#   scripts/size.sh [OUTDIR]   (default build/size)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/size}
mkdir -p "$out"
tags=$(make -s print-tags)
go build -tags "$tags" -trimpath -ldflags "-s -w" -o "$out/reachmap" .
go build -tags "$tags" -trimpath -o "$out/reachmap.syms" .
printf 'release (stripped): %s bytes (%s MB)\n' "$(stat -c %s "$out/reachmap")" "$(( $(stat -c %s "$out/reachmap") / 1000000 ))"
printf 'with symbols:       %s bytes (%s MB)\n\n' "$(stat -c %s "$out/reachmap.syms")" "$(( $(stat -c %s "$out/reachmap.syms") / 1000000 ))"
size -A "$out/reachmap" | awk 'NR > 2 && $2 > 100000 { printf "  %-22s %7.1f MB\n", $1, $2 / 1e6 }'
echo
go list -tags "$tags" -deps -f '{{.ImportPath}} {{with .Module}}{{.Path}}{{else}}std{{end}}' . >"$out/modules.txt"
go tool nm -size -sort size "$out/reachmap.syms" >"$out/nm.txt"
size -A "$out/reachmap.syms" >"$out/sections.txt"
python3 - "$out/nm.txt" "$out/modules.txt" "$out/sections.txt" <<'PY'
import collections, re, sys
mod_of = dict(l.split() for l in open(sys.argv[2]) if l.strip())
# .bss and .noptrbss are zeroed at start and take no room in the file.
bss = [(int(f[2]), int(f[2]) + int(f[1])) for f in (l.split() for l in open(sys.argv[3]))
       if len(f) == 3 and f[0] in (".bss", ".noptrbss")]
pkgs = collections.Counter()
for line in open(sys.argv[1]):
    f = line.split(None, 3)
    if len(f) < 4 or f[2] in "UuBb":  # undefined, and BSS (zeroed at start, not in the file)
        continue
    size, name = int(f[1]), f[3].strip()
    if any(lo <= int(f[0], 16) < hi for lo, hi in bss):
        continue
    name = re.sub(r"^(go:(itab|link|string|cuinfo|info)\.|type:\*?|go\.shape\.)", "", name)
    # the package is the name up to the first dot after its last slash
    slash = name.rfind("/", 0, name.find("(") if "(" in name else len(name))
    dot = name.find(".", slash + 1)
    pkg = name[:dot] if dot > 0 else name
    pkgs[pkg if pkg in mod_of else ("cgo/C and runtime data" if pkg.startswith(("_", "C.", "x_cgo")) or "." not in name else pkg)] += size
mods = collections.Counter()
for p, s in pkgs.items():
    mods[mod_of.get(p, "std" if "/" not in p and "." not in p.split("/")[0] else p)] += s
def show(title, c, n):
    print(title)
    for k, v in c.most_common(n):
        print(f"  {v/1e6:7.2f} MB  {k}")
    print()
show("largest modules (symbol bytes):", mods, 20)
show("largest packages (symbol bytes):", pkgs, 30)
PY
