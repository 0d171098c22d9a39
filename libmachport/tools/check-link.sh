#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# check-link.sh INCLUDE_DIR VERSION.map WORK_DIR LIBDIR [LIBDIR32]
#
# Every symbol of the version map must be declared by the public headers
# and resolve against the built libraries: a program that takes the
# address of each one, through <mach/mach.h>, <bsm/libbsm.h>,
# <mach_debug/mach_debug_types.h> and <machport/machport.h> only, is
# compiled with -Wall -Wextra -Werror (an undeclared name is an error in
# C99) and linked against LIBDIR's shared and static library, and
# LIBDIR32's with -m32 if given.  The program is never run: no device is
# needed.

set -u

incdir=$1
map=$2
work=$3
libdir=$4
libdir32=${5:-}

: "${CC:=cc}"

mkdir -p "$work" || exit 1
src=$work/link.c

syms=$(sed -e 's,/\*.*\*/,,' "$map" |
	awk '/global:/ { g = 1; next } /local:/ || /^[ \t]*\}/ { g = 0; next }
	     g && /;/ { gsub(/[ \t;]/, ""); if ($0 != "") print $0 }' | sort -u)

{
	echo '#include <mach/mach.h>'
	echo '#include <mach_debug/mach_debug_types.h>'
	echo '#include <machport/machport.h>'
	echo '#include <bsm/libbsm.h>'
	echo '#include <stdint.h>'
	echo
	echo 'volatile uintptr_t machport_link_sink;'
	echo
	echo 'int main(void)'
	echo '{'
	for s in $syms; do
		echo "	machport_link_sink = (uintptr_t)&$s;"
	done
	echo '	return 0;'
	echo '}'
} > "$src"

n=$(echo "$syms" | wc -l)
runs=0

# link FLAGS... : compile and link $src with them, or fail loudly
link() {
	if ! $CC -std=c99 -Wall -Wextra -Werror -I"$incdir" \
	     -o "$work/link" "$src" "$@" -pthread > "$work/out" 2>&1; then
		echo "FAIL: link check ($CC $*):"
		sed 's/^/    /' "$work/out"
		exit 1
	fi
	runs=$((runs + 1))
}

link -m64 -L"$libdir" -Wl,-rpath-link,"$libdir" -lmachport
link -m64 -static "$libdir/libmachport.a"
if [ -n "$libdir32" ]; then
	link -m32 -L"$libdir32" -Wl,-rpath-link,"$libdir32" -lmachport
	link -m32 -static "$libdir32/libmachport.a"
fi

echo "link: $n exported symbols declared and defined, $runs links: ok"
