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

# shellcheck source=lib/gotool.sh
. "$(dirname "$0")/lib/gotool.sh"

case "${1:-}" in
install)
	gotool_install gcs-server fake-gcs-server "github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION" || exit 1
	;;
path)
	gotool_find fake-gcs-server || true
	;;
*)
	echo "usage: $0 install|path" >&2
	exit 2
	;;
esac
