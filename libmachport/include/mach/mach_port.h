/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <mach/mach_port.h> - the mach_port_* calls.
 *
 * Prototypes are XNU's user-level ones (mach_port.defs as MIG emits them
 * for libsyscall), argument for argument.
 *
 * Every call declared here is defined.  Those about kernel objects and
 * special reply ports (mach_port_kobject, mach_port_kernel_object,
 * mach_port_kobject_description,
 * mach_port_special_reply_port_reset_link) have no meaning on Linux:
 * they return KERN_NOT_SUPPORTED without a system call and write
 * nothing.
 *
 * Every call returns a kern_return_t.  Besides the Mach codes, the
 * library itself returns KERN_INVALID_ADDRESS for a NULL out pointer,
 * KERN_NOT_SUPPORTED when /dev/machport cannot be used (see
 * <machport/machport.h>), and KERN_FAILURE, with errno set, when the
 * kernel refused the request at the ABI level.
 */
#ifndef _MACH_MACH_PORT_H_
#define _MACH_MACH_PORT_H_

#include <stdint.h>
#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach_debug/mach_debug_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Out-of-line results (names, types) are allocated as by vm_allocate();
 * free each array with vm_deallocate(task, (vm_address_t)array,
 * count * sizeof(*array)).  An empty space yields NULL arrays, 0 counts.
 */
extern kern_return_t mach_port_names(ipc_space_t task,
	mach_port_name_array_t *names, mach_msg_type_number_t *namesCnt,
	mach_port_type_array_t *types, mach_msg_type_number_t *typesCnt);

extern kern_return_t mach_port_type(ipc_space_t task, mach_port_name_t name,
	mach_port_type_t *ptype);

extern kern_return_t mach_port_rename(ipc_space_t task,
	mach_port_name_t old_name, mach_port_name_t new_name);

extern kern_return_t mach_port_allocate_name(ipc_space_t task,
	mach_port_right_t right, mach_port_name_t name);

extern kern_return_t mach_port_allocate(ipc_space_t task,
	mach_port_right_t right, mach_port_name_t *name);

extern kern_return_t mach_port_destroy(ipc_space_t task,
	mach_port_name_t name);

extern kern_return_t mach_port_deallocate(ipc_space_t task,
	mach_port_name_t name);

extern kern_return_t mach_port_get_refs(ipc_space_t task,
	mach_port_name_t name, mach_port_right_t right,
	mach_port_urefs_t *refs);

extern kern_return_t mach_port_mod_refs(ipc_space_t task,
	mach_port_name_t name, mach_port_right_t right,
	mach_port_delta_t delta);

extern kern_return_t mach_port_peek(ipc_space_t task, mach_port_name_t name,
	mach_msg_trailer_type_t trailer_type,
	mach_port_seqno_t *request_seqnop, mach_msg_size_t *msg_sizep,
	mach_msg_id_t *msg_idp, mach_msg_trailer_info_t trailer_infop,
	mach_msg_type_number_t *trailer_infopCnt);

extern kern_return_t mach_port_set_mscount(ipc_space_t task,
	mach_port_name_t name, mach_port_mscount_t mscount);

extern kern_return_t mach_port_get_set_status(ipc_space_read_t task,
	mach_port_name_t name, mach_port_name_array_t *members,
	mach_msg_type_number_t *membersCnt);

extern kern_return_t mach_port_move_member(ipc_space_t task,
	mach_port_name_t member, mach_port_name_t after);

extern kern_return_t mach_port_request_notification(ipc_space_t task,
	mach_port_name_t name, mach_msg_id_t msgid, mach_port_mscount_t sync,
	mach_port_t notify, mach_msg_type_name_t notifyPoly,
	mach_port_t *previous);

extern kern_return_t mach_port_insert_right(ipc_space_t task,
	mach_port_name_t name, mach_port_t poly,
	mach_msg_type_name_t polyPoly);

extern kern_return_t mach_port_extract_right(ipc_space_t task,
	mach_port_name_t name, mach_msg_type_name_t msgt_name,
	mach_port_t *poly, mach_msg_type_name_t *polyPoly);

extern kern_return_t mach_port_set_seqno(ipc_space_t task,
	mach_port_name_t name, mach_port_seqno_t seqno);

/*
 * *port_info_outCnt is in/out: the room at port_info_out, in natural_t
 * words, then the number of words written.
 */
extern kern_return_t mach_port_get_attributes(ipc_space_read_t task,
	mach_port_name_t name, mach_port_flavor_t flavor,
	mach_port_info_t port_info_out,
	mach_msg_type_number_t *port_info_outCnt);

extern kern_return_t mach_port_set_attributes(ipc_space_t task,
	mach_port_name_t name, mach_port_flavor_t flavor,
	mach_port_info_t port_info, mach_msg_type_number_t port_infoCnt);

extern kern_return_t mach_port_allocate_qos(ipc_space_t task,
	mach_port_right_t right, mach_port_qos_t *qos,
	mach_port_name_t *name);

extern kern_return_t mach_port_allocate_full(ipc_space_t task,
	mach_port_right_t right, mach_port_t proto, mach_port_qos_t *qos,
	mach_port_name_t *name);

extern kern_return_t mach_port_get_srights(ipc_space_t task,
	mach_port_name_t name, mach_port_rights_t *srights);

extern kern_return_t mach_port_space_info(ipc_space_read_t space,
	ipc_info_space_t *space_info, ipc_info_name_array_t *table_info,
	mach_msg_type_number_t *table_infoCnt,
	ipc_info_tree_name_array_t *tree_info,
	mach_msg_type_number_t *tree_infoCnt);

extern kern_return_t mach_port_dnrequest_info(ipc_space_t task,
	mach_port_name_t name, unsigned *dnr_total, unsigned *dnr_used);

extern kern_return_t mach_port_kernel_object(ipc_space_read_t task,
	mach_port_name_t name, unsigned *object_type, unsigned *object_addr);

extern kern_return_t mach_port_insert_member(ipc_space_t task,
	mach_port_name_t name, mach_port_name_t pset);

extern kern_return_t mach_port_extract_member(ipc_space_t task,
	mach_port_name_t name, mach_port_name_t pset);

extern kern_return_t mach_port_get_context(ipc_space_read_t task,
	mach_port_name_t name, mach_port_context_t *context);

extern kern_return_t mach_port_set_context(ipc_space_t task,
	mach_port_name_t name, mach_port_context_t context);

extern kern_return_t mach_port_kobject(ipc_space_read_t task,
	mach_port_name_t name, natural_t *object_type,
	mach_vm_address_t *object_addr);

extern kern_return_t mach_port_construct(ipc_space_t task,
	mach_port_options_ptr_t options, mach_port_context_t context,
	mach_port_name_t *name);

extern kern_return_t mach_port_destruct(ipc_space_t task,
	mach_port_name_t name, mach_port_delta_t srdelta,
	mach_port_context_t guard);

extern kern_return_t mach_port_guard(ipc_space_t task, mach_port_name_t name,
	mach_port_context_t guard, boolean_t strict);

extern kern_return_t mach_port_unguard(ipc_space_t task,
	mach_port_name_t name, mach_port_context_t guard);

extern kern_return_t mach_port_space_basic_info(ipc_space_inspect_t task,
	ipc_info_space_basic_t *basic_info);

extern kern_return_t mach_port_special_reply_port_reset_link(
	ipc_space_t task, mach_port_name_t name, boolean_t *srp_lost_link);

extern kern_return_t mach_port_guard_with_flags(ipc_space_t task,
	mach_port_name_t name, mach_port_context_t guard, uint64_t flags);

extern kern_return_t mach_port_swap_guard(ipc_space_t task,
	mach_port_name_t name, mach_port_context_t old_guard,
	mach_port_context_t new_guard);

extern kern_return_t mach_port_kobject_description(ipc_space_read_t task,
	mach_port_name_t name, natural_t *object_type,
	mach_vm_address_t *object_addr, kobject_description_t description);

#ifdef __cplusplus
}
#endif

#endif /* _MACH_MACH_PORT_H_ */
