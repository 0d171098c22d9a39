# machport: the one entry point.
#
#   make              module (for KVER) and library
#   make check        the full test job (scripts/check; what CI runs)
#   make run          the demo in a qemu guest, from a fresh machine
#   make kunit        KUnit under UML (SERIES=6.12 or 6.1)
#   make debug-kernel the user suite on a debug kernel (lockdep, KASAN, ...)
#   make bench        figures from the guest (scripts/bench)
#   make install      module into /lib/modules/KVER/extra, library under PREFIX
#
# KVER: the kernel to build the module for: a release or a series (6.1,
# 6.12).  Default: the running kernel if its headers are installed, else 6.1.
# KERNEL: the kernel `make run` and `make bench` boot (6.1 or 6.12, default 6.1).
# Everything is built under build/; the sub-makes get O=$(BUILD).

BUILD   := $(abspath build)
PREFIX  ?= /usr/local
KVER    ?= $(if $(wildcard /usr/src/linux-headers-$(shell uname -r)),$(shell uname -r),6.1)
KERNEL  ?= 6.1
SERIES  ?= 6.12
DEMO_DIR = $(if $(wildcard tests/demo/Makefile),tests/demo,libmachport)
SUBMAKE  = $(MAKE) --no-print-directory O=$(BUILD)

.PHONY: all module lib tests demo kunit debug-kernel check run bench install clean distclean

all: module lib

module:
	scripts/build-module $(KVER)

# lib: with the i386 variant (ARCH32=1), which the -m32 user tests link.
lib:
	$(SUBMAKE) -C libmachport ARCH32=1

tests: lib
	$(SUBMAKE) -C tests/user

demo: lib
	$(SUBMAKE) -C $(DEMO_DIR) demo

kunit:
	scripts/kunit --series $(SERIES)

debug-kernel: tests
	scripts/debug-kernel --series $(SERIES)

check:
	scripts/check

run:
	scripts/deps
	$(MAKE) --no-print-directory demo
	scripts/vm-run --kernel $(KERNEL) -- $(BUILD)/demo/machport-demo

bench:
	scripts/bench --kernel $(KERNEL)

install: lib
	ko=$$(scripts/build-module $(KVER)) && kver=$$(basename "$${ko%/kmod/*}") && \
	install -D -m 644 "$$ko" "$(DESTDIR)/lib/modules/$$kver/extra/machport.ko" && \
	if [ -z "$(DESTDIR)" ]; then depmod -a "$$kver"; fi
	$(SUBMAKE) -C libmachport install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

clean:
	-[ ! -f libmachport/Makefile ] || $(SUBMAKE) -C libmachport clean
	-[ ! -f tests/user/Makefile ] || $(SUBMAKE) -C tests/user clean
	find build -mindepth 1 -maxdepth 1 ! -name 'linux-source-*' -exec rm -rf {} + 2>/dev/null || true

distclean: clean
	rm -rf build
