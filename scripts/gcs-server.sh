#!/usr/bin/env bash
# gcs-server.sh — fake-gcs-server, a real emulator of the Cloud Storage JSON
# API, which the Google provider's tests start on loopback (one instance per
# bucket location they need: it serves one location for all its buckets).
#
#   scripts/gcs-server.sh install   install it when it is missing
#   scripts/gcs-server.sh path      print where it is (empty when missing)
#
# The tests find it on PATH or in $(go env GOPATH)/bin.
set -euo pipefail

FAKE_GCS_VERSION=v1.56.1

die() { echo "gcs-server: $*" >&2; exit 1; }

gobin() {
	local d
	d=$(go env GOBIN)
	[ -n "$d" ] || d="$(go env GOPATH)/bin"
	echo "$d"
}

find_fake() {
	command -v fake-gcs-server 2>/dev/null && return
	local p
	p="$(gobin)/fake-gcs-server"
	[ -x "$p" ] && echo "$p"
}

case "${1:-}" in
install)
	if [ -z "$(find_fake || true)" ]; then
		command -v go >/dev/null || die "go is needed to install fake-gcs-server"
		echo "gcs-server: installing fake-gcs-server $FAKE_GCS_VERSION (a few minutes)..." >&2
		GOFLAGS=-buildvcs=false go install "github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION"
	fi
	[ -n "$(find_fake || true)" ] || die "fake-gcs-server is still missing after go install"
	;;
path)
	find_fake || true
	;;
*)
	echo "usage: $0 install|path" >&2
	exit 2
	;;
esac
