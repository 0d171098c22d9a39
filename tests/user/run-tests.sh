#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run every conformance binary of a directory twice, with
# MACHPORT_PROFILE=seed and MACHPORT_PROFILE=xnu, against the loaded
# module.  Meant for the guest (busybox sh is enough).
#
#   run-tests.sh [-p seed|xnu] [DIR...] [-- ARGS...]
#
# DIRs (e.g. .../tests/x86_64 .../tests/i386) default to this script's
# directory; ARGS go to every binary (e.g. case globs).  Prints each binary's TAP stream after a "# === name
# profile=p" line, then one closing line "user: N passed, N failed".  A
# binary that ends without its summary line (crash, bail out) counts as one
# failure.  Exit status 0 iff nothing failed.

profiles="seed xnu"
if [ "$1" = "-p" ]; then
	profiles=$2
	shift 2
fi
dirs=
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	dirs="$dirs $1"
	shift
done
[ "$1" = "--" ] && shift
[ -n "$dirs" ] || dirs=$(dirname "$0")

tmpdir=${TMPDIR:-/tmp}
[ -d "$tmpdir" ] || mkdir -p "$tmpdir"
tmp=$tmpdir/machport-tests.$$
passed=0
failed=0
rc=0
found=0

for t in $(for d in $dirs; do ls "$d"/t_* 2>/dev/null; done); do
	[ -f "$t" ] && [ -x "$t" ] || continue
	found=1
	name=$(basename "$(dirname "$t")")/$(basename "$t")
	for p in $profiles; do
		echo "# === $name profile=$p"
		MACHPORT_PROFILE=$p "$t" "$@" >"$tmp" 2>&1
		st=$?
		cat "$tmp"
		line=$(grep '^# profile=[a-z]* passed=[0-9]* failed=[0-9]*$' "$tmp" | tail -n 1)
		if [ -z "$line" ]; then
			echo "# $name ($p): no summary line, exit status $st"
			failed=$((failed + 1))
			rc=1
			continue
		fi
		if [ "${line#*profile=$p }" = "$line" ]; then
			echo "# $name: asked for profile $p, ran in ${line#*profile=}"
			failed=$((failed + 1))
			rc=1
		fi
		x=${line#*passed=}
		x=${x%% *}
		y=${line#*failed=}
		passed=$((passed + x))
		failed=$((failed + y))
		[ "$st" -eq 0 ] && [ "$y" -eq 0 ] || rc=1
	done
done
rm -f "$tmp"

if [ "$found" -eq 0 ]; then
	echo "# no test binaries (t_*) in$dirs"
	rc=1
fi
echo "user: $passed passed, $failed failed"
exit $rc
