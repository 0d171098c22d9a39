/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Mach calls, one function per ioctl, on kernel copies of the
 * arguments.  The ioctl layer (main.c) copies and checks the ABI; these
 * check the Mach arguments in the order the reference implementations do
 * and return their int.  KUnit drives them directly.
 */
#ifndef _MACHPORT_CALLS_H
#define _MACHPORT_CALLS_H

#include "../uapi/machport.h"
#include "mach.h"

struct mp_entry;
struct mp_port;
struct mp_space;

/* The largest trailer mach_port_peek() writes (format 0, audit token). */
#define MP_TRAILER_MAX	52

/**
 * struct mp_name_list - the result of mp_call_names()
 * @names: the names, kvmalloc()ed; free with kvfree()
 * @types: their mach_port_type_t, in the same allocation as @names
 * @count: how many
 */
struct mp_name_list {
	u32 *names;
	u32 *types;
	u32 count;
};

int mp_call_allocate(struct mp_space *caller,
		     struct machport_allocate *a);
int mp_call_allocate_name(struct mp_space *caller,
			  struct machport_allocate *a);
int mp_call_allocate_full(struct mp_space *caller,
			  struct machport_allocate *a);
int mp_call_allocate_qos(struct mp_space *caller,
			 struct machport_allocate *a);
int mp_call_deallocate(struct mp_space *caller,
		       const struct machport_name *a);
int mp_call_destroy(struct mp_space *caller,
		    const struct machport_name *a);
int mp_call_mod_refs(struct mp_space *caller,
		     struct machport_refs *a);
int mp_call_get_refs(struct mp_space *caller,
		     struct machport_refs *a);
int mp_call_type(struct mp_space *caller, struct machport_type *a);
int mp_call_names(struct mp_space *caller, u32 task,
		  struct mp_name_list *list);
int mp_call_get_attributes(struct mp_space *caller, u32 task,
			   u32 name, s32 flavor, u32 *info,
			   u32 *count);
int mp_call_insert_right(struct mp_space *caller,
			 const struct machport_insert_right *a);
int mp_call_set_space_limit(struct mp_space *caller,
			    const struct machport_space_limit *a);

int mp_call_set_attributes(struct mp_space *caller, u32 task, u32 name,
			   s32 flavor, const u32 *info, u32 count);
int mp_call_set_mscount(struct mp_space *caller,
			struct machport_port_value *a);
int mp_call_set_seqno(struct mp_space *caller, struct machport_port_value *a);
int mp_call_get_srights(struct mp_space *caller,
			struct machport_port_value *a);
int mp_call_get_context(struct mp_space *caller, struct machport_context *a);
int mp_call_set_context(struct mp_space *caller, struct machport_context *a);
int mp_call_member(struct mp_space *caller, const struct machport_member *a,
		   unsigned int cmd);
int mp_call_get_set_status(struct mp_space *caller, u32 task, u32 name,
			   u32 **members, u32 *count);
int mp_call_extract_right(struct mp_space *caller,
			  struct machport_extract_right *a);
int mp_call_rename(struct mp_space *caller, const struct machport_rename *a);

int mp_call_request_notification(struct mp_space *caller,
				 struct machport_request_notification *a);
int mp_call_dnrequest_info(struct mp_space *caller,
			   struct machport_dnrequest_info *a);
int mp_call_msg(struct mp_space *caller, const struct machport_msg *a);
int mp_call_peek(struct mp_space *caller, struct machport_peek *a,
		 u8 *trailer);
int mp_call_construct(struct mp_space *caller, struct machport_construct *a);
int mp_call_destruct(struct mp_space *caller,
		     const struct machport_destruct *a);
int mp_call_guard(struct mp_space *caller, const struct machport_guard *a,
		  unsigned int cmd);
int mp_call_swap_guard(struct mp_space *caller,
		       const struct machport_swap_guard *a);
int mp_call_space_info(struct mp_space *caller, struct machport_space_info *a,
		       struct machport_name_info **infop);

/* Shared by the calls. */
int mp_null_name_kr(const struct mp_space *caller, int xnu_kr);
int mp_receive_call(struct mp_space *caller, u32 task, u32 name, int null_kr,
		    int args_kr, int (*fn)(struct mp_port *port, void *arg),
		    void *arg);

int mp_call_task_for_pid(struct mp_space *caller,
			 struct machport_task_for_pid *a);
int mp_call_pid_for_task(struct mp_space *caller,
			 struct machport_task_for_pid *a);
int mp_call_set_ns_bootstrap(struct mp_space *caller,
			     const struct machport_ns_bootstrap *a);
int mp_call_get_ns_bootstrap(struct mp_space *caller,
			     struct machport_ns_bootstrap *a);
int mp_call_port_fd(struct mp_space *caller, struct machport_port_fd *a);

#endif /* _MACHPORT_CALLS_H */
