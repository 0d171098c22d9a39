# SPDX-License-Identifier: GPL-2.0
#
# What the static test programs share (tests/user, tests/fuzz,
# tests/fault): each is built twice, x86_64 and i386 (-m32), statically
# against the libmachport of the build directory O (default ../../build).
# A Makefile sets SRCDIR to its own directory, includes this file, and
# may add to WARN and CPPFLAGS_ALL.

O ?= ../../build

TOP := $(abspath $(SRCDIR)/../..)
BUILD := $(abspath $(O))

CC ?= cc
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Werror
CPPFLAGS_ALL := -I$(TOP)/libmachport/include -I$(TOP)/uapi -D_GNU_SOURCE
CFLAGS_ALL = -std=gnu11 $(WARN) $(CFLAGS) -MMD -MP
LDFLAGS_ALL = -static -pthread $(LDFLAGS)

LIB_x86_64 := $(BUILD)/libmachport/libmachport.a
LIB_i386 := $(BUILD)/libmachport/i386/libmachport.a
ABIFLAGS_x86_64 := -m64
ABIFLAGS_i386 := -m32
