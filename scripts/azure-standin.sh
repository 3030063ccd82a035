#!/usr/bin/env bash
# Runs the real binary against the loopback ARM and Graph stand-in:
#   scripts/azure-standin.sh [BINARY]      scan --azure --microsoft-365, JSON on stdout
#   scripts/azure-standin.sh --serve       only start the stand-in and print its environment
# The stand-in listens on 127.0.0.1 only, fails (exit 1) if it received a
# request other than GET or HEAD (the token request excepted), and is
# stopped when the script ends. `make azure-e2e` calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
pid=
cleanup() {
	if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then kill -INT "$pid"; wait "$pid" || status=$?; fi
	rm -rf "$dir"
}
trap cleanup EXIT
go build -o "$dir/azure-standin" ./providers/azure/standin/cmd/azure-standin
"$dir/azure-standin" -dir "$dir" >"$dir/env" &
pid=$!
for _ in $(seq 50); do [[ -s $dir/env ]] && break; sleep 0.1; done
[[ -s $dir/env ]] || { echo "azure-standin did not start" >&2; exit 1; }
if [[ ${1:-} == --serve ]]; then
	cat "$dir/env"
	echo "serving; press Ctrl-C to stop" >&2
	wait "$pid"
	exit
fi
bin=${1:-bin/reachmap}
[[ -x $bin ]] || go build -tags "$(make -s print-tags)" -o "$bin" .
set -a
# shellcheck disable=SC1091
. "$dir/env"
set +a
HOME="$dir" "$bin" scan --azure --microsoft-365 --format json --no-save
kill -INT "$pid"
wait "$pid"
pid=
