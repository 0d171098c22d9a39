#!/bin/sh
# shellcheck shell=dash
# The program scripts/bench gives scripts/vm-run: the benchmark programs
# in one guest boot.  vm-run copies the --file arguments to /opt: the
# static benchmark binaries, machport-bootstrapd and, when the host has it, binder_linux.ko (the
# reference for the RPC figures of machport-bench-msg).
rc=0
/opt/machport-bench || rc=$?
if [ -f /opt/binder_linux.ko ]; then
	insmod /opt/binder_linux.ko devices=binder ||
		echo "bench: insmod binder_linux.ko failed: no Binder rows"
fi
/opt/machport-bench-msg || rc=$?
/opt/machport-bench-epoll || rc=$?
/opt/machport-bench-bootstrap || rc=$?
exit $rc
