#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# check-link.sh INCLUDE_DIR VERSION.map WORK_DIR LIBDIR [LIBDIR32]
#
# Every symbol of the version map must be declared by the public headers
# and resolve against the built libraries: a program that takes the
# address of each one, through <mach/mach.h>, <bsm/libbsm.h>,
# <mach_debug/mach_debug_types.h>, <machport/machport.h> and
# <servers/bootstrap.h> only, is
# compiled with -Wall -Wextra -Werror (an undeclared name is an error in
# C99) and linked against LIBDIR's shared and static library, and
# LIBDIR32's with -m32 if given.  It also expands the function-like and
# initializer macros Darwin code uses with these calls, and is compiled
# as C++ too ($CXX).  The program is never run: no device is needed.

set -u

incdir=$1
map=$2
work=$3
libdir=$4
libdir32=${5:-}

: "${CC:=cc}"
: "${CXX:=c++}"

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
	echo '#include <servers/bootstrap.h>'
	echo '#include <stdint.h>'
	echo
	echo 'volatile uintptr_t machport_link_sink;'
	cat <<'EOF'

/* The macros, as Darwin code and MIG stubs use them. */
static kern_return_t machport_link_macros(void)
{
	mach_msg_header_t h = MACH_MSG_HEADER_EMPTY;
	security_token_t st = KERNEL_SECURITY_TOKEN_VALUE;
	audit_token_t at = KERNEL_AUDIT_TOKEN_VALUE;
	audit_token_t inv = INVALID_AUDIT_TOKEN_VALUE;
	host_basic_info_data_t hbi;
	mach_msg_type_number_t n = HOST_BASIC_INFO_COUNT;
	mach_port_t bp = MACH_PORT_NULL;
	kern_return_t kr;

	h.msgh_bits = MACH_MSGH_BITS_SET(MACH_MSG_TYPE_COPY_SEND,
					 MACH_MSG_TYPE_MAKE_SEND_ONCE, 0,
					 MACH_MSGH_BITS_COMPLEX);
	h.msgh_size = round_msg(sizeof(h) + 1) +
		REQUESTED_TRAILER_SIZE(MACH_RCV_TRAILER_TYPE(
			MACH_MSG_TRAILER_FORMAT_0) |
			MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT));
	h.msgh_id = (mach_msg_id_t)(st.val[1] + at.val[0] + inv.val[0] +
				    TASK_AUDIT_TOKEN_COUNT +
				    TASK_SECURITY_TOKEN_COUNT +
				    CPU_SUBTYPE_INTEL(6, 1));
	kr = host_info(mach_host_self(), HOST_BASIC_INFO, (host_info_t)&hbi,
		       &n);
	if (kr == KERN_SUCCESS)
		kr = task_get_bootstrap_port(mach_task_self(), &bp);
	if (kr == KERN_SUCCESS && h.msgh_id == MIG_BAD_ID)
		kr = mach_msg(&h, MACH_SEND_MSG, h.msgh_size, 0,
			      MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
			      MACH_PORT_NULL);
	return kr;
}

EOF
	echo 'int main(void)'
	echo '{'
	for s in $syms; do
		echo "	machport_link_sink = (uintptr_t)&$s;"
	done
	echo '	return machport_link_macros() == KERN_SUCCESS ? 0 : 1;'
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

if ! $CXX -x c++ -std=c++11 -Wall -Wextra -Werror -I"$incdir" \
     -fsyntax-only "$src" > "$work/out" 2>&1; then
	echo "FAIL: link check, as C++ ($CXX):"
	sed 's/^/    /' "$work/out"
	exit 1
fi

link -m64 -L"$libdir" -Wl,-rpath-link,"$libdir" -lmachport
link -m64 -static "$libdir/libmachport.a"
if [ -n "$libdir32" ]; then
	link -m32 -L"$libdir32" -Wl,-rpath-link,"$libdir32" -lmachport
	link -m32 -static "$libdir32/libmachport.a"
fi

echo "link: $n exported symbols declared and defined, $runs links: ok"
