# machport: the one entry point.
#
#   make              module (for KVER) and library
#   make check        the full test job (scripts/check; what CI runs)
#   make run          the tour in a qemu guest, from a fresh machine: the
#                     demo, a bootstrap server, a service and its client
#   make kunit        KUnit under UML (SERIES=6.12 or 6.1)
#   make debug-kernel the user suite on a debug kernel (lockdep, KASAN, ...)
#   make fault-inject every call with its 1st, 2nd, ... allocation failed, on
#                     the debug kernel (tests/fault)
#   make check-deep   the concurrent tests on a KCSAN kernel (data races)
#   make fuzz         the fuzzer (tests/fuzz) on the debug kernel for SECONDS
#                     (default 300; SEED=N replays a seed, FUZZ_KERNEL=6.1
#                     or 6.12 uses a Debian kernel instead)
#   make bench        figures from the guest (scripts/bench)
#   make install      module into /lib/modules/KVER/extra, its udev rule into
#                     /lib/udev/rules.d (UDEVRULESDIR), library under PREFIX
#   make uninstall    what make install put there (same KVER, PREFIX, DESTDIR)
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
# The udev rule goes where udev reads it, whatever PREFIX is.
UDEVRULESDIR ?= /lib/udev/rules.d
DEMO_DIR = $(if $(wildcard tests/demo/Makefile),tests/demo,libmachport)
SUBMAKE  = $(MAKE) --no-print-directory O=$(BUILD)

.PHONY: all module lib tests demo kunit debug-kernel fault-inject check-deep fuzz check run bench install uninstall clean distclean

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

fault-inject: lib
	scripts/fault-inject --series $(SERIES)

check-deep: tests
	scripts/check-deep --series $(SERIES)

SECONDS     ?= 300
FUZZ_KERNEL ?= debug
fuzz:
	scripts/fuzz --seconds $(SECONDS) --kernel $(FUZZ_KERNEL) --series $(SERIES) \
		$(if $(SEED),--seed $(SEED))

check:
	scripts/check

# The tour (libmachport/examples/tour.sh): the demo, then a bootstrap
# server, an echo service and a client from the shell, in one guest.
TOUR_BINS = $(BUILD)/demo/machport-demo $(BUILD)/demo/machport-echo-service \
	    $(BUILD)/demo/machport-echo-client \
	    $(BUILD)/libmachport/machport-bootstrapd \
	    $(BUILD)/libmachport/machport-lsmp

run:
	scripts/deps
	$(MAKE) --no-print-directory demo
	$(SUBMAKE) -C libmachport cmds
	rm -rf $(BUILD)/tour && mkdir -p $(BUILD)/tour
	cp $(TOUR_BINS) libmachport/examples/tour.sh $(BUILD)/tour/
	scripts/vm-run --kernel $(KERNEL) --dir $(BUILD)/tour -- sh /opt/tour/tour.sh /opt/tour

bench:
	scripts/bench --kernel $(KERNEL)

install: lib
	ko=$$(scripts/build-module $(KVER)) && kver=$$(basename "$${ko%/kmod/*}") && \
	install -D -m 644 "$$ko" "$(DESTDIR)/lib/modules/$$kver/extra/machport.ko" && \
	if [ -z "$(DESTDIR)" ]; then depmod -a "$$kver"; fi
	install -D -m 644 kmod/60-machport.rules "$(DESTDIR)$(UDEVRULESDIR)/60-machport.rules"
	$(SUBMAKE) -C libmachport install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

uninstall:
	kver=$$(bash -c '. scripts/lib.sh && kver "$$1"' - $(KVER)) && \
	rm -f "$(DESTDIR)/lib/modules/$$kver/extra/machport.ko" && \
	if [ -z "$(DESTDIR)" ]; then depmod -a "$$kver"; fi
	rm -f "$(DESTDIR)$(UDEVRULESDIR)/60-machport.rules"
	$(SUBMAKE) -C libmachport uninstall PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

clean:
	-[ ! -f libmachport/Makefile ] || $(SUBMAKE) -C libmachport clean
	-[ ! -f tests/user/Makefile ] || $(SUBMAKE) -C tests/user clean
	-[ ! -f tests/fuzz/Makefile ] || $(SUBMAKE) -C tests/fuzz clean
	find build -mindepth 1 -maxdepth 1 ! -name 'linux-source-*' -exec rm -rf {} + 2>/dev/null || true

distclean: clean
	rm -rf build
