#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tour.sh - a short tour of Mach IPC on Linux, as `make run` shows it in
# a guest: a bootstrap server, a service that checks in, a client started
# from the shell (not a child of the service) that looks it up and talks
# to it, the lsmp view of both, and the dead-name notification the client
# gets when the service is killed.
#
#   tour.sh [DIR]    DIR holds the programs (default: this script's directory)

dir=${1:-$(dirname "$0")}
PATH=$dir:$PATH
tmp=${TMPDIR:-/tmp}/machport-tour.$$
mkdir -p "$tmp" || exit 1
status=0

say() {
	echo
	echo "==> $*"
}

# Wait up to 20 s for a condition (a shell command) to hold.
await() {
	i=0
	while ! eval "$1" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 200 ]; then
			echo "tour: timed out waiting for: $1" >&2
			return 1
		fi
		sleep 0.1
	done
}

cleanup() {
	for p in $client $service $bootstrapd; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

say "machport-demo: rights, names and a first message between two processes"
machport-demo || status=1

say "machport-bootstrapd: the bootstrap server of this IPC namespace"
machport-bootstrapd -v >"$tmp/bootstrapd.log" 2>&1 &
bootstrapd=$!
await "machport-lsmp -p $bootstrapd >/dev/null 2>&1 && grep -q . '$tmp/bootstrapd.log'" ||
	await "machport-lsmp -p $bootstrapd >/dev/null 2>&1" || status=1
sleep 0.5
cat "$tmp/bootstrapd.log"

say "machport-echo-service: checks in as org.machport.echo"
machport-echo-service >"$tmp/service.log" 2>&1 &
service=$!
await "grep -q 'checked in' '$tmp/service.log'" || status=1
cat "$tmp/service.log"

say "machport-echo-client, started from the shell: looks the service up and sends requests"
machport-echo-client -n 2 -r "$tmp/ready" "hello from the shell" \
	>"$tmp/client.log" 2>&1 &
client=$!
await "[ -f '$tmp/ready' ]" || status=1
cat "$tmp/client.log"
echo "-- what the service saw:"
sed -n '2,$p' "$tmp/service.log"

say "machport-lsmp -p $service (the service)"
machport-lsmp -p "$service" || status=1
say "machport-lsmp -p $client (the client)"
machport-lsmp -p "$client" || status=1

say "killing the service (pid $service); the client is told"
kill -9 "$service"
wait "$service" 2>/dev/null
service=
wait "$client" || status=1
client=
sed -n '/waiting for a dead-name/,$p' "$tmp/client.log"

say "module-wide figures (machport-lsmp -s)"
machport-lsmp -s || status=1

echo
if [ $status -eq 0 ]; then
	echo "tour: done"
else
	echo "tour: something went wrong (see above)"
fi
exit $status
