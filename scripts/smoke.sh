#!/usr/bin/env bash
# Smoke test of the real window: starts the built binary under Xvfb with the
# demo estate, takes screenshots, and checks that the map was drawn (ocean and
# land colours where the app says they are, every marker in its colour) and
# that clicking a marker selects it on the map, in the table and in the detail
# panel. Then a real scan from the window: an AWS profile pointing at a
# seeded moto_server on loopback, scanned with Ctrl+R, must end up in the
# table and on the map. Screenshots land in shots/: map.png (the whole
# window), selected.png (after the click), table.png and detail.png (cut
# from it), start-light.png (a saved scan, light theme), aws.png (the AWS
# scan) and aws-eu.png (its table searched for the EU regions).
# Then the first window on a 1280x720 screen must fit it, Scan button and
# Home selector on screen (small.png); 10,000 buckets nobody placed must
# not be called out of foreign reach (unplaced.png); and under
# LANG=C.UTF-8 the command line prints nothing on stderr.
#   scripts/smoke.sh bin/reachmap
set -euo pipefail
bin=${1:-bin/reachmap}
out=${SHOTS:-shots}
mkdir -p "$out"
rm -f "$out"/report.json "$out"/*.png

tmp=$(mktemp -d)
pids=()
# The moto_server of pass 3, in a state directory of our own so that
# s3-servers.sh stops this one and no other.
export REACHMAP_S3_STATE=$tmp/s3
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/s3-servers.sh stop 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# No AWS settings from the caller's environment: credentials or an endpoint
# there would take precedence over the profile of pass 3, and could send
# the app to the real AWS.
for v in $(compgen -e | grep '^AWS_' || true); do unset "$v"; done

# smokecheck is built once (`go run` for each check would recompile it),
# and while HOME is still the caller's: Go's build cache is under it, and
# an empty one costs half a minute.
tags=$(make -s print-tags)
go build -tags "$tags" -o "$tmp/smokecheck" ./internal/smokecheck
go build -tags "$tags" -o "$tmp/mkstore" ./internal/estate/mkstore

# Pass 3's AWS estate, seeded while HOME is still the caller's: that is
# where s3-servers.sh looks for a pyenv's moto_server and boto3.
moto=$(scripts/s3-servers.sh start-moto)
python3 scripts/moto-estate.py "$moto" acme "$tmp/expect.txt"

# xvfb FIRST SIZE: starts an Xvfb screen of SIZE on the first free
# display from FIRST on, and sets xdisp to it.
xvfb() {
  local n
  for n in $(seq "$1" $(($1 + 29))); do
    [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ] || { xdisp=":$n"; break; }
  done
  Xvfb "$xdisp" -screen 0 "$2"x24 -nolisten tcp >"$tmp/xvfb-$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do xdpyinfo -display "$xdisp" >/dev/null 2>&1 && break; sleep 0.2; done
}

# A display of our own, unless one was given.
if [ -z "${SMOKE_DISPLAY:-}" ]; then
  xvfb 91 1600x1000
  disp=$xdisp
else
  disp=$SMOKE_DISPLAY
fi
export DISPLAY=$disp

# A home directory of its own, so no earlier run's preferences or scans count.
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config
mkdir -p "$HOME"
export FYNE_SCALE=1 REACHMAP_SMOKE_REPORT=$out/report.json
check() { "$tmp/smokecheck" "$@"; }

# launch LOG ARGS...: starts the app and waits for its first report.
launch() {
  local log=$1; shift
  rm -f "$out/report.json"
  "$bin" "$@" >"$log" 2>&1 &
  app=$!
  pids+=("$app")
  for _ in $(seq 1 300); do
    [ -s "$out/report.json" ] && break
    kill -0 "$app" 2>/dev/null || { echo "smoke: the app exited early:"; cat "$log"; exit 1; }
    sleep 0.3
  done
  [ -s "$out/report.json" ] || { echo "smoke: the app wrote no report in 90 s"; cat "$log"; exit 1; }
  wid=$(xdotool search --sync --onlyvisible --name '^Reachmap$' | head -n 1)
  sleep 0.5
}

# 1. The demo estate, in the default (dark) theme.
launch "$out/app.log" --demo
import -window "$wid" "$out/map.png"
check map "$out/map.png" "$out/report.json" "$out/click.txt"
check timing "$out/report.json"

# Click the marker the checker chose; the app reports the selection, and the
# table and the detail panel show it.
read -r cx cy cid < "$out/click.txt"
xdotool mousemove --window "$wid" "$cx" "$cy"
sleep 0.3
xdotool click 1
for _ in $(seq 1 50); do
  grep -q "\"selected\": *$cid[,}]" "$out/report.json" 2>/dev/null && break
  sleep 0.2
done
sleep 0.5
import -window "$wid" "$out/selected.png"
check selected "$out/report.json" "$cid"
check crop "$out/selected.png" "$out/report.json" "$out"
kill "$app"; wait "$app" 2>/dev/null || true

# 2. A scan saved by the command line; the window opens on it from the
# store, with no scan of its own, in the light theme.
"$bin" scan --demo --out /dev/null
FYNE_THEME=light launch "$out/app-store.log"
import -window "$wid" "$out/start-light.png"
check map "$out/start-light.png" "$out/report.json" "$out/click-light.txt"
check timing "$out/report.json"
kill "$app"; wait "$app" 2>/dev/null || true

# 3. A real scan from the window: an AWS profile on this machine that
# points at moto, scanned with the window's Ctrl+R. The window opens on the
# saved demo scan first, which has no account "acme"; the report with one,
# written when no scan runs, is the finished scan on screen.
mkdir -p "$HOME/.aws"
printf '[profile acme]\nregion = eu-west-1\nendpoint_url = %s\n' "$moto" >"$HOME/.aws/config"
printf '[acme]\naws_access_key_id = AKIAMOTOTEST00000001\naws_secret_access_key = moto-secret\n' >"$HOME/.aws/credentials"
launch "$out/app-aws.log"
xdotool key --window "$wid" ctrl+r
scanned() { grep -q '"account": "acme"' "$out/report.json" && grep -q '"scanning": false' "$out/report.json"; }
for _ in $(seq 1 400); do
  scanned && break
  kill -0 "$app" 2>/dev/null || break
  sleep 0.3
done
scanned || { echo "smoke: the AWS scan from the window did not reach the screen (waited up to 120 s):"; cat "$out/app-aws.log"; exit 1; }
sleep 0.5
import -window "$wid" "$out/aws.png"
check map "$out/aws.png" "$out/report.json" "$out/click-aws.txt"
check items "$out/aws.png" "$out/report.json" "$tmp/expect.txt"
# For people: the table searched for the EU regions, whose rows the whole
# list leaves below the fold.
xdotool key --window "$wid" ctrl+f
xdotool type --window "$wid" "eu-"
sleep 1
import -window "$wid" "$out/aws-eu.png"
kill "$app"; wait "$app" 2>/dev/null || true

# 4. A 1280x720 screen, on a display of its own: the first window fits it.
# A fresh home, so no saved window size counts.
xvfb 121 1280x720
small=$xdisp
export HOME=$tmp/home-small XDG_CONFIG_HOME=$tmp/home-small/.config
mkdir -p "$HOME"
DISPLAY=$small launch "$out/app-small.log" --demo
DISPLAY=$small import -window root "$out/small.png"
check fits "$out/report.json" 1280x720
kill "$app"; wait "$app" 2>/dev/null || true

# 5. 10,000 buckets of an S3 server nobody placed: the headline says that
# Reachmap cannot tell, never that no foreign government can reach them.
export HOME=$tmp/home-unplaced XDG_CONFIG_HOME=$tmp/home-unplaced/.config
mkdir -p "$XDG_CONFIG_HOME/reachmap"
"$tmp/mkstore" -n 10000 -db "$XDG_CONFIG_HOME/reachmap/scans.db"
launch "$out/app-unplaced.log"
import -window "$wid" "$out/unplaced.png"
grep -q '"headline": "Reachmap cannot tell who can reach these 10000 items' "$out/report.json" ||
  { echo "smoke: the headline of 10000 unplaced items is: $(grep '"headline"' "$out/report.json")"; exit 1; }
kill "$app"; wait "$app" 2>/dev/null || true

# 6. The C locale of containers and cron: no "Fyne error" on stderr.
env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C.UTF-8 "$bin" version >/dev/null 2>"$tmp/c-locale.err"
[ ! -s "$tmp/c-locale.err" ] || { echo "smoke: under LANG=C.UTF-8 the command line printed:"; cat "$tmp/c-locale.err"; exit 1; }
echo "smoke: ok — screenshots in $out/"
