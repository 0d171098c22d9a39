#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# check-headers.sh INCLUDE_DIR WORK_DIR HEADER...
#
# Compiles a file that includes each public header, alone and after the
# system headers a Mach program commonly includes first, as C (gnu11,
# c99) and C++ (c++11, c++17), with -Wall -Wextra -pedantic -Werror, for
# -m64 and -m32, with $CC/$CXX and, if installed, clang.  The layout
# asserts in the headers run as part of this.  Exits non-zero on the first
# failure, showing the compiler's output.

set -u

incdir=$1
work=$2
shift 2

mkdir -p "$work" || exit 1

: "${CC:=cc}"
: "${CXX:=c++}"

system_headers='stdio.h stdlib.h stdint.h sys/types.h pthread.h unistd.h'
warn='-Wall -Wextra -Wundef -Wshadow -pedantic -Werror'

# Which compilers, standards and word sizes: "compiler lang std arch".
configs="$CC c gnu11 -m64
$CC c c99 -m64
$CC c gnu11 -m32
$CXX c++ c++11 -m64
$CXX c++ c++17 -m64
$CXX c++ c++17 -m32"
if command -v clang >/dev/null 2>&1 && command -v clang++ >/dev/null 2>&1
then
	configs="$configs
clang c c11 -m64
clang++ c++ c++17 -m64"
fi

# Drop the configurations this toolchain cannot build at all (C++ -m32
# needs g++-multilib), saying so.
probe=$work/probe.c
for s in $system_headers; do echo "#include <$s>"; done > "$probe"
usable=
nconfigs=0
while read -r cc lang std arch; do
	if $cc -x "$lang" -std="$std" $arch -fsyntax-only "$probe" \
	   > /dev/null 2>&1; then
		usable="$usable$cc $lang $std $arch
"
		nconfigs=$((nconfigs + 1))
	else
		echo "headers: skipping $cc -std=$std $arch (toolchain cannot" \
		     "compile the system headers)"
	fi
done <<EOT
$configs
EOT
configs=$usable

runs=0
for h in "$@"; do
	for order in alone after; do
		src=$work/hdr.c
		: > "$src"
		if [ "$order" = after ]; then
			for s in $system_headers; do
				echo "#include <$s>" >> "$src"
			done
		fi
		echo "#include <$h>" >> "$src"
		echo "int machport_header_check_$runs;" >> "$src"

		printf '%s' "$configs" | while read -r cc lang std arch; do
			if ! $cc -x "$lang" -std="$std" $arch $warn \
			     -I"$incdir" -fsyntax-only "$src" \
			     > "$work/out" 2>&1; then
				echo "FAIL: <$h> ($order)," \
				     "$cc -std=$std $arch:"
				sed 's/^/    /' "$work/out"
				exit 1
			fi
		done || exit 1
		runs=$((runs + 1))
	done
done

echo "headers: $# headers x 2 orders x $nconfigs configurations: ok"
