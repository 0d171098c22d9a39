#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# check-exports.sh LIBRARY.so VERSION.map
#
# The shared library must export exactly the global symbols of the
# version map, each with the version of its node: nothing missing (a typo
# in the map, a forgotten MACHPORT_EXPORT), nothing extra (a leaked
# internal), nothing in the wrong node.

set -u

lib=$1
map=$2

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# "symbol VERSION" for every global of every node of the map
sed -e 's,/\*.*\*/,,' "$map" |
	awk '/^[ \t]*LIBMACHPORT_[0-9.]+[ \t]*\{/ { v = $1; sub(/\{.*/, "", v); next }
	     /global:/ { g = 1; next } /local:/ || /^[ \t]*\}/ { g = 0; next }
	     g && /;/ { gsub(/[ \t;]/, ""); if ($0 != "") print $0 "@@" v }' |
	sort > "$tmp/map"

nm -D --defined-only "$lib" |
	awk '$2 ~ /^[TDBRVW]$/ && $3 !~ /^LIBMACHPORT_/ { print $3 }' |
	sort > "$tmp/nm"

if grep -v '@@LIBMACHPORT_[0-9.]*$' "$tmp/nm" > "$tmp/unversioned"; then
	echo "FAIL: exports of $lib without a LIBMACHPORT_ default version:"
	sed 's/^/    /' "$tmp/unversioned"
	exit 1
fi

if ! diff -u "$tmp/map" "$tmp/nm" > "$tmp/diff"; then
	echo "FAIL: exports of $lib (+) differ from $map (-):"
	sed -n '/^[-+][^-+]/s/^/    /p' "$tmp/diff"
	exit 1
fi

echo "exports: $(wc -l < "$tmp/nm") symbols, each in its map node ($(sed 's/.*@@//' "$tmp/nm" | sort -u | tr '\n' ' ' | sed 's/ $//')): ok"
