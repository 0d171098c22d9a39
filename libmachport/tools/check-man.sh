#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# check-man.sh MAN_DIR VERSION.map
#
# The manual pages under MAN_DIR/man{1,3,7,8}:
#
#  - every global symbol of the version map (functions and data) has
#    man3/SYMBOL.3, either a page of its own or a one-line link page
#    ".so man3/OTHER.3" whose target exists and is no link itself; the
#    symbol appears in the NAME and SYNOPSIS sections of the page that
#    documents it;
#  - every page sits in the directory of its section (manN/x.N, .TH x N);
#  - "mandoc -T lint -W warning" says nothing of any page (but that the
#    .so of a link page is fragile);
#  - man-db formats every page without a word on stderr, run as lintian
#    runs it (LC_ALL=C.UTF-8, MANROFFSEQ='', man --warnings -E UTF-8 -l
#    -Tutf8 -Z, from MAN_DIR so that .so resolves), at MANWIDTH=80;
#  - lexgrog finds the whatis entry of every page that is not a link, as
#    lintian also requires;
#  - every reference (.BR name (N)) to a page of the project's (mach_*,
#    machport*, task_*, bootstrap* ...) names a page of MAN_DIR.
#
# Prints one line per problem and a summary; exits non-zero on any
# problem.

set -u

mandir=$1
map=$2
case $map in
/*)	;;
*)	map=$PWD/$map ;;
esac

for tool in mandoc man lexgrog; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL: $tool not found (install mandoc and man-db)"
		exit 1
	fi
done
if [ ! -d "$mandir" ]; then
	echo "FAIL: $mandir: no such directory"
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/problems"

problem() {
	echo "$*" | tee -a "$tmp/problems"
}

# The target of a link page (its first line that is no comment is
# ".so TARGET"), or nothing for a page of its own.
so_target() {
	awk '/^\.\\"/ { next }
	     { if ($1 == ".so") print $2; exit }' "$1"
}

# The text of section $2 of page $1, font escapes removed.
section_text() {
	awk -v want="$2" '
		/^\.SH/ { s = $0; sub(/^\.SH[ \t]+/, "", s); gsub(/"/, "", s)
			  on = (s == want); next }
		on' "$1" |
	sed -e 's/\\f[BIRP1-4]//g' -e 's/\\f(..//g' -e 's/\\f\[[^]]*\]//g' \
	    -e 's/\\&//g' -e 's/\\-/-/g'
}

cd "$mandir" || exit 1
pages=$(find man1 man3 man7 man8 -type f 2>/dev/null | LC_ALL=C sort)

# The symbols of the map, as check-link.sh reads them.
syms=$(sed -e 's,/\*.*\*/,,' "$map" |
	awk '/global:/ { g = 1; next } /local:/ || /^[ \t]*\}/ { g = 0; next }
	     g && /;/ { gsub(/[ \t;]/, ""); if ($0 != "") print $0 }' |
	LC_ALL=C sort -u)
if [ -z "$syms" ]; then
	echo "FAIL: no symbols in $map"
	exit 1
fi

# a page for every symbol
for sym in $syms; do
	page=man3/$sym.3
	if [ ! -f "$page" ]; then
		problem "$page: missing (exported by $(basename "$map"))"
		continue
	fi
	doc=$page
	target=$(so_target "$page")
	if [ -n "$target" ]; then
		[ -f "$target" ] || continue	# reported below
		doc=$target
	fi
	section_text "$doc" NAME | grep -qw -- "$sym" ||
		problem "$doc: $sym is not in its NAME section"
	section_text "$doc" SYNOPSIS | grep -qw -- "$sym" ||
		problem "$doc: $sym is not in its SYNOPSIS section"
done

npages=0
nlinks=0
for page in $pages; do
	npages=$((npages + 1))
	dir=${page%%/*}
	sec=${dir#man}
	base=${page##*/}
	case $base in
	*.$sec)	;;
	*)	problem "$page: not named NAME.$sec" ;;
	esac

	# link pages: one line, to an existing page that is no link
	target=$(so_target "$page")
	if [ -n "$target" ]; then
		nlinks=$((nlinks + 1))
		if [ ! -f "$target" ]; then
			problem "$page: .so $target: no such page"
		elif [ -n "$(so_target "$target")" ]; then
			problem "$page: .so $target: a link to a link"
		fi
		[ "$(grep -cv '^\.\\"' "$page")" -eq 1 ] ||
			problem "$page: a link page holds only its .so line"
	else
		th=$(awk '$1 == ".TH" { print $3; exit }' "$page" | tr -d '"')
		[ "$th" = "$sec" ] ||
			problem "$page: .TH gives section '$th', not $sec"
		lexgrog "$page" >/dev/null 2>&1 ||
			problem "$page: lexgrog finds no whatis entry (NAME section)"
	fi

	# references to the project's own pages must resolve
	sed -n 's/^\.[BI]R[ \t]\{1,\}\([A-Za-z_][A-Za-z0-9_.\\-]*\) (\([1-8]\)).*/\1 \2/p' \
		"$page" | sed 's/\\-/-/g' | sort -u |
	while read -r ref rsec; do
		case $ref in
		mach_*|machport*|task_*|host_*|bootstrap*|mig_*|vm_*|\
		audit_token*|pid_for_task|KERNEL_*|NDR_*) ;;
		*) continue ;;
		esac
		[ -f "man$rsec/$ref.$rsec" ] ||
			echo "$page: refers to $ref($rsec), which is no page here"
	done | tee -a "$tmp/problems"

	# mandoc; it calls every .so fragile, which is the form of
	# link page this project chose (and Debian's dh_installman turns
	# into a symbolic link): that one message is not counted
	mandoc -T lint -W warning "$page" 2>&1 |
		grep -v "^mandoc: $page:1:2: WARNING: \.so is fragile" \
		> "$tmp/out"
	if [ -s "$tmp/out" ]; then
		tee -a "$tmp/problems" < "$tmp/out"
	fi

	# man-db, as lintian runs it (the environment emptied but PATH)
	env -i PATH="$PATH" ${TMPDIR:+TMPDIR="$TMPDIR"} LC_ALL=C.UTF-8 \
		MANROFFSEQ='' MANWIDTH=80 \
		man --warnings -E UTF-8 -l -Tutf8 -Z "$page" \
		> /dev/null 2> "$tmp/out"
	if [ -s "$tmp/out" ]; then
		sed "s|^|man: $page: |" "$tmp/out" | tee -a "$tmp/problems"
	fi
done

n=$(wc -l < "$tmp/problems")
if [ "$n" -ne 0 ]; then
	echo "FAIL: man: $n problems in $npages pages ($nlinks links)"
	exit 1
fi
echo "man: $npages pages ($nlinks links), every symbol of $(basename "$map") documented, mandoc and man --warnings silent: ok"
