# shellcheck shell=bash
# Common helpers for the machport scripts.  Source it, do not run it.

MP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MP_BUILD=$MP_ROOT/build

# Kernel log lines that mean something went wrong in the kernel.  Used by the
# KUnit gate and, shipped into the initramfs, by the guest /init.
# shellcheck disable=SC2034
MP_SPLAT_RE='BUG:|WARNING:|Oops|UBSAN:|KASAN:|kmemleak|possible recursive locking|circular locking|inconsistent lock state|suspicious RCU usage|general protection|Call Trace:|kernel BUG at|list_(add|del) corruption|unreferenced object'

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# usage: print the leading comment block of the calling script (after the
# shebang), without the '# ' prefix.
usage() {
	sed -n '2,/^[^#]/{/^#/!q;s/^# \{0,1\}//;p}' "$0"
}

# kver SERIES|RELEASE: print the kernel release whose headers are installed.
# "6.1" picks the newest /usr/src/linux-headers-6.1.*-amd64, "6.12" the newest
# 6.12.*; a full release such as 6.1.0-56-amd64 is passed through.
kver() {
	local want=$1 rel
	if [[ -d /usr/src/linux-headers-$want ]]; then
		echo "$want"
		return
	fi
	[[ $want =~ ^[0-9]+\.[0-9]+$ ]] || die "no headers for kernel '$want' in /usr/src"
	rel=$(find /usr/src -maxdepth 1 -name "linux-headers-${want}[.-]*-amd64" -printf '%f\n' |
		sed 's/^linux-headers-//' | sort -V | tail -n 1)
	[[ -n $rel ]] || die "no linux-headers for $want in /usr/src (run scripts/deps)"
	echo "$rel"
}

# ksrc SERIES: print the path of a private, writable kernel source tree
# build/linux-source-SERIES, extracted from Debian's linux-source-SERIES once:
# the machine's package (scripts/deps installs 6.1 and 6.12), else the one
# scripts/sid-source fetches from unstable (7.2).
ksrc() {
	local series=$1 tree=$MP_BUILD/linux-source-$1 tarball
	tarball=/usr/src/linux-source-$series.tar.xz
	if [[ ! -f $tree/Makefile ]]; then
		if [[ ! -f $tarball ]]; then
			case $series in
			6.1 | 6.12) die "$tarball missing (run scripts/deps)" ;;
			esac
			tarball=$("$MP_ROOT/scripts/sid-source" "$series") || exit 1
		fi
		log "extracting $tarball into build/ (once)"
		rm -rf "$tree" "$tree.tmp"
		mkdir -p "$tree.tmp"
		tar -xJf "$tarball" -C "$tree.tmp" --strip-components=1
		mv "$tree.tmp" "$tree"
	fi
	echo "$tree"
}

# The machine's own Debian apt sources: deb822 stanzas and one-line
# entries whose URI is a Debian archive.  debian_mirror prints the first
# one that is not the security archive: debootstrap's mirror.
debian_sources() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[[ -f $f ]] || continue
		awk 'BEGIN { RS = ""; ORS = "\n\n" }
		/(^|\n)Types:[^\n]*deb( |$|\n)/ && /(^|\n)URIs:[^\n]*debian/ { print }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[[ -f $f ]] || continue
		awk '$1 == "deb" && /debian/' "$f"
	done
}
debian_mirror() {
	debian_sources | awk '
	BEGIN { RS = "" }
	/(^|\n)deb / {
		n = split($0, l, "\n")
		for (i = 1; i <= n; i++)
			if (l[i] ~ /^deb / && l[i] !~ /-security/) {
				m = split(l[i], w, " ")
				for (j = 2; j <= m; j++)
					if (w[j] ~ /^[a-z]+:\/\//) { print w[j]; exit }
			}
		next
	}
	!/Suites:[^\n]*-security/ && match($0, /URIs:[ \t]*[^ \t\n]+/) {
		u = substr($0, RSTART, RLENGTH); sub(/URIs:[ \t]*/, "", u); print u; exit
	}'
}
