#!/usr/bin/env bash
# dns-server.sh — a DNS server on loopback for Reachmap's mail tests.
#
# Runs dnsmasq in the foreground on 127.0.0.1:PORT, answering only from a
# test zone and never forwarding a query anywhere (no upstream server, no
# /etc/hosts, no resolv.conf). Names under reachmap.test that the zone does
# not define get NXDOMAIN.
#
#   scripts/dns-server.sh [PORT [ZONE_FILE]]
#   scripts/dns-server.sh --print-zone        # show the built-in zone
#
# PORT defaults to 5353. ZONE_FILE holds dnsmasq options (mx-host=,
# txt-record=, host-record=, address=, cname=, …); without it the built-in
# zone below is used. Stop the server with SIGTERM (kill PID) or Ctrl-C.
#
# Try it:  scripts/dns-server.sh 5353 &
#          REACHMAP_M365_DISCOVERY=off reachmap scan --dns 127.0.0.1:5353 \
#              --domain self.reachmap.test --domain mimecast.reachmap.test --format json
set -euo pipefail

zone() {
	cat <<'EOF'
# Reachmap test zone (dnsmasq options). Public addresses here are data for
# GeoIP lookups only; nothing connects to them.
local=/reachmap.test/
# Microsoft 365, Google, Proton, Zoho EU, Amazon SES
mx-host=m365.reachmap.test,m365-reachmap-test.mail.protection.outlook.com,0
mx-host=google.reachmap.test,aspmx.l.google.com,1
mx-host=google.reachmap.test,alt1.aspmx.l.google.com,5
mx-host=proton.reachmap.test,mail.protonmail.ch,10
mx-host=proton.reachmap.test,mailsec.protonmail.ch,20
mx-host=zoho-eu.reachmap.test,mx.zoho.eu,10
mx-host=ses.reachmap.test,inbound-smtp.eu-west-1.amazonaws.com,10
# A Mimecast gateway in front of Microsoft 365, known from SPF
mx-host=mimecast.reachmap.test,eu-smtp-inbound-1.mimecast.com,10
txt-record=mimecast.reachmap.test,"v=spf1 include:eu._netblocks.mimecast.com include:spf.protection.outlook.com -all"
# A self-hosted server (5.9.0.1: Hetzner, DE), also reached through a CNAME
mx-host=self.reachmap.test,mail.self.reachmap.test,10
host-record=mail.self.reachmap.test,5.9.0.1
mx-host=cname.reachmap.test,mx.cname.reachmap.test,10
cname=mx.cname.reachmap.test,mail.self.reachmap.test
# No MX: mail goes to the domain's own address (193.0.6.139: RIPE NCC, NL)
host-record=nomx.reachmap.test,193.0.6.139
# A name that exists but receives no mail
txt-record=nomail.reachmap.test,"v=spf1 -all"
# bücher.reachmap.test
mx-host=xn--bcher-kva.reachmap.test,mail.protonmail.ch,10
# SEPPmail.cloud (inline mode: DOMAIN-TLD.gate.seppmail.cloud) in front of
# Microsoft 365, named by the autodiscover and DKIM CNAMEs. dnsmasq answers
# a CNAME only when it knows the target, hence the two target records.
mx-host=seppmail.reachmap.test,seppmail-reachmap-test.gate.seppmail.cloud,10
txt-record=seppmail.reachmap.test,"v=spf1 include:spf.protection.outlook.com -all"
host-record=autodiscover.outlook.com,203.0.113.10
cname=autodiscover.seppmail.reachmap.test,autodiscover.outlook.com
txt-record=selector1-seppmail-reachmap-test._domainkey.contoso.onmicrosoft.com,"v=DKIM1; k=rsa; p=MIIB"
cname=selector1._domainkey.seppmail.reachmap.test,selector1-seppmail-reachmap-test._domainkey.contoso.onmicrosoft.com
# Hornetsecurity in front of a mailbox only SPF names (low confidence)
mx-host=hornet.reachmap.test,mx01.hornetsecurity.ch,10
mx-host=hornet.reachmap.test,mx02.hornetsecurity.ch,20
txt-record=hornet.reachmap.test,"v=spf1 include:spf.protection.outlook.com -all"
# SpamExperts (EU region) in front of Microsoft 365, named by the SRV form of autodiscover
mx-host=srv.reachmap.test,mx1-eu.spamexperts.com,10
srv-host=_autodiscover._tcp.srv.reachmap.test,autodiscover.outlook.com,443,0,0
EOF
}

if [[ "${1:-}" == "--print-zone" ]]; then
	zone
	exit 0
fi

port="${1:-5353}"
zone_file="${2:-}"
if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
	echo "dns-server.sh: bad port '$port'" >&2
	exit 2
fi

dnsmasq_bin="$(command -v dnsmasq || true)"
if [[ -z "$dnsmasq_bin" && -x /usr/sbin/dnsmasq ]]; then
	dnsmasq_bin=/usr/sbin/dnsmasq
fi
if [[ -z "$dnsmasq_bin" ]]; then
	echo "dns-server.sh: installing dnsmasq-base" >&2
	sudo_cmd=()
	if [[ "$(id -u)" != 0 ]]; then sudo_cmd=(sudo); fi
	"${sudo_cmd[@]}" apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq dnsmasq-base >&2
	dnsmasq_bin=/usr/sbin/dnsmasq
fi

tmp="$(mktemp -d)"
child=""
cleanup() {
	if [[ -n "$child" ]]; then kill "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 0' TERM INT
if [[ -z "$zone_file" ]]; then
	zone_file="$tmp/zone.conf"
	zone >"$zone_file"
fi

user_opt=()
if [[ "$(id -u)" == 0 ]]; then
	# dnsmasq drops root for "nobody" by default; keep it explicit so a
	# machine without a dnsmasq user still works.
	user_opt=(--user=nobody --group=nogroup)
fi

# --no-resolv and no server= lines: dnsmasq has no upstream, so no query
# leaves the machine. --bind-interfaces with 127.0.0.1 keeps it on loopback.
# dnsmasq runs as a child (not exec) so that the zone file is removed after.
"$dnsmasq_bin" \
	--keep-in-foreground \
	--port="$port" \
	--listen-address=127.0.0.1 \
	--bind-interfaces \
	--no-resolv \
	--no-hosts \
	--no-poll \
	--no-negcache \
	--pid-file="$tmp/dnsmasq.pid" \
	--conf-file="$zone_file" \
	--log-facility=- \
	"${user_opt[@]}" &
child=$!
wait "$child"
