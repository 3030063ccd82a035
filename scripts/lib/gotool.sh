# gotool.sh — finding and installing the Go programs the tests run
# (versitygw, fake-gcs-server), sourced by scripts/s3-servers.sh and
# scripts/gcs-server.sh. Each is found on PATH or in Go's bin directory,
# and installed there with `go install` when missing.

# gotool_find NAME prints where NAME is; it fails when it is missing.
gotool_find() {
	command -v "$1" 2>/dev/null && return
	local d
	d=$(go env GOBIN 2>/dev/null) || return 1
	[ -n "$d" ] || d="$(go env GOPATH)/bin"
	[ -x "$d/$1" ] && echo "$d/$1"
}

# gotool_install WHO NAME PACKAGE@VERSION installs NAME unless it is
# there, saying so as WHO; it fails when NAME is still missing after.
gotool_install() {
	local who=$1 name=$2 pkg=$3
	if [ -z "$(gotool_find "$name" || true)" ]; then
		command -v go >/dev/null || { echo "$who: go is needed to install $name" >&2; return 1; }
		echo "$who: installing $name ${pkg##*@} (a few minutes)..." >&2
		GOFLAGS=-buildvcs=false go install "$pkg"
	fi
	[ -n "$(gotool_find "$name" || true)" ] || { echo "$who: $name is still missing after go install" >&2; return 1; }
}
