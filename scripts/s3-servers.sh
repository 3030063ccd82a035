#!/usr/bin/env bash
# s3-servers.sh — the real servers the AWS provider's tests talk to, on
# loopback only: moto_server (AWS services, IAM checks on demand) and
# versitygw (an S3 gateway that checks SigV4 and reports BucketRegion).
#
#   scripts/s3-servers.sh install   install what is missing
#   scripts/s3-servers.sh start     start both on free 127.0.0.1 ports and
#                                   print the environment the tests read
#   scripts/s3-servers.sh start-moto  start moto_server alone and print its
#                                   URL (the smoke test's scan from the window)
#   scripts/s3-servers.sh stop      stop the servers this script started
#   scripts/s3-servers.sh status    say what runs where
#
# The Go tests start their own servers when these variables are unset, so
# `start` is only needed to share one set of servers between runs:
#
#   eval "$(scripts/s3-servers.sh start)"
#   go test ./providers/aws
#   scripts/s3-servers.sh stop
#
# versitygw runs with the keys and region the tests expect (see
# providers/aws/servers_test.go); its buckets live in a temporary posix
# directory that the tests empty between cases.
set -euo pipefail

VERSITYGW_VERSION=v1.8.0
MOTO_VERSION=5.2.1
VGW_ACCESS=AKIAVERSITYTEST00001
VGW_SECRET=versity-secret-key-for-tests-only
VGW_REGION=eu-central-1
STATE=${REACHMAP_S3_STATE:-${TMPDIR:-/tmp}/reachmap-s3-servers}

die() { echo "s3-servers: $*" >&2; exit 1; }

# shellcheck source=lib/gotool.sh
. "$(dirname "$0")/lib/gotool.sh"

find_moto() {
	command -v moto_server 2>/dev/null && return
	[ -x "$HOME/.pyenv/shims/moto_server" ] && echo "$HOME/.pyenv/shims/moto_server"
}

install() {
	gotool_install s3-servers versitygw "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" || exit 1
	if [ -z "$(find_moto || true)" ]; then
		command -v python3 >/dev/null || die "python3 is needed to install moto"
		echo "s3-servers: installing moto[server]==$MOTO_VERSION..." >&2
		python3 -m pip install --user "moto[server]==$MOTO_VERSION" >&2 ||
			die "could not install moto; install moto[server]==$MOTO_VERSION by hand"
		hash -r
	fi
	[ -n "$(find_moto || true)" ] || die "moto_server is still missing after pip install (is ~/.local/bin on PATH?)"
	echo "versitygw: $(gotool_find versitygw)" >&2
	echo "moto_server: $(find_moto)" >&2
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_http() { # url pid
	local i
	for i in $(seq 1 300); do
		kill -0 "$2" 2>/dev/null || return 1
		curl -s -o /dev/null --max-time 1 "$1" && return 0
		sleep 0.2
	done
	return 1
}

# Setsid gives each server its own process group, so stop can end it and
# its children by its own pid and nothing else.
spawn_moto() {
	local moto=$1 mport
	[ ! -e "$STATE/moto.pid" ] || die "already started (state in $STATE); run $0 stop first"
	mkdir -p "$STATE"
	mport=$(free_port)
	MOTO_EC2_LOAD_DEFAULT_AMIS=false setsid "$moto" -H 127.0.0.1 -p "$mport" >"$STATE/moto.log" 2>&1 &
	echo $! >"$STATE/moto.pid"
	echo "http://127.0.0.1:$mport" >"$STATE/moto.url"
}

start_moto() {
	local moto
	moto=$(find_moto || true)
	[ -n "$moto" ] || die "moto_server missing: run $0 install"
	spawn_moto "$moto"
	wait_http "$(cat "$STATE/moto.url")" "$(cat "$STATE/moto.pid")" ||
		{ stop; die "moto_server did not start; see $STATE/moto.log"; }
	cat "$STATE/moto.url"
}

start() {
	local vgw moto
	vgw=$(gotool_find versitygw || true)
	moto=$(find_moto || true)
	[ -n "$vgw" ] && [ -n "$moto" ] || die "servers missing: run $0 install"
	spawn_moto "$moto"
	mkdir -p "$STATE/versitygw-data"

	local vport
	vport=$(free_port)
	setsid "$vgw" --access "$VGW_ACCESS" --secret "$VGW_SECRET" --region "$VGW_REGION" \
		--port "127.0.0.1:$vport" --quiet posix "$STATE/versitygw-data" >"$STATE/versitygw.log" 2>&1 &
	echo $! >"$STATE/versitygw.pid"
	echo "http://127.0.0.1:$vport" >"$STATE/versitygw.url"

	wait_http "$(cat "$STATE/moto.url")" "$(cat "$STATE/moto.pid")" ||
		{ stop; die "moto_server did not start; see $STATE/moto.log"; }
	wait_http "$(cat "$STATE/versitygw.url")" "$(cat "$STATE/versitygw.pid")" ||
		{ stop; die "versitygw did not start; see $STATE/versitygw.log"; }
	env_lines
}

env_lines() {
	echo "export REACHMAP_MOTO_URL=$(cat "$STATE/moto.url")"
	echo "export REACHMAP_VERSITYGW_URL=$(cat "$STATE/versitygw.url")"
	echo "export REACHMAP_VERSITYGW_DIR=$STATE/versitygw-data"
}

stop() {
	local name pid
	for name in moto versitygw; do
		[ -e "$STATE/$name.pid" ] || continue
		pid=$(cat "$STATE/$name.pid")
		# Only the process group this script created for that server.
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		rm -f "$STATE/$name.pid" "$STATE/$name.url"
	done
	rm -rf "$STATE/versitygw-data"
}

status() {
	local name
	for name in moto versitygw; do
		if [ -e "$STATE/$name.pid" ] && kill -0 "$(cat "$STATE/$name.pid")" 2>/dev/null; then
			echo "$name: running at $(cat "$STATE/$name.url") (pid $(cat "$STATE/$name.pid"))"
		else
			echo "$name: not running"
		fi
	done
}

case "${1:-}" in
install) install ;;
start) start ;;
start-moto) start_moto ;;
stop) stop ;;
status) status ;;
env) env_lines ;;
*) echo "usage: $0 install|start|start-moto|stop|status|env" >&2; exit 2 ;;
esac
