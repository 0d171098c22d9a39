#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# check-exports.sh LIBRARY.so VERSION.map
#
# The shared library must export exactly the global symbols of the
# version map, each with its version: nothing missing (a typo in the map,
# a forgotten MACHPORT_EXPORT) and nothing extra (a leaked internal).

set -u

lib=$1
map=$2

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

sed -e 's,/\*.*\*/,,' "$map" |
	awk '/global:/ { g = 1; next } /local:/ { g = 0 }
	     g && /;/ { gsub(/[ \t;]/, ""); if ($0 != "") print }' |
	sort > "$tmp/map"

nm -D --defined-only "$lib" |
	awk '$2 ~ /^[TDBRVW]$/ && $3 !~ /^LIBMACHPORT_/ { print $3 }' |
	sort > "$tmp/nm"

if grep -v '@@\?LIBMACHPORT_1\.0$' "$tmp/nm" > "$tmp/unversioned"; then
	echo "FAIL: exports of $lib without the LIBMACHPORT_1.0 version:"
	sed 's/^/    /' "$tmp/unversioned"
	exit 1
fi

sed 's/@.*//' "$tmp/nm" > "$tmp/lib"
if ! diff -u "$tmp/map" "$tmp/lib" > "$tmp/diff"; then
	echo "FAIL: exports of $lib (+) differ from $map (-):"
	sed -n '/^[-+][^-+]/s/^/    /p' "$tmp/diff"
	exit 1
fi

echo "exports: $(wc -l < "$tmp/lib") symbols, all LIBMACHPORT_1.0: ok"
