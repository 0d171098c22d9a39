// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mach_port.c - the mach_port_* calls.
 *
 * Each call is one ioctl on /dev/machport: the library checks the
 * pointers it must dereference (a NULL one is KERN_INVALID_ADDRESS, with
 * no system call), packs the arguments into the command's struct and
 * returns the kernel's kern_return_t.  Every other check, including the
 * task argument and the order of the checks, is the kernel's, so that
 * both profiles behave as spec.md says.  Output arguments are written
 * only on KERN_SUCCESS.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/*
 * mach_port_qos_t is two 32-bit words: bits in the first (name, prealloc
 * and the padding), len in the second.  Copy the bytes rather than
 * assemble the bits, so the kernel sees exactly what the compiler laid
 * out for the caller, padding included.
 */
_Static_assert(sizeof(mach_port_qos_t) == 2 * sizeof(__u32),
	       "mach_port_qos_t is two words");

static void qos_to_words(const mach_port_qos_t *qos, __u32 *word0,
			 __u32 *word1)
{
	__u32 w[2];

	memcpy(w, qos, sizeof(w));
	*word0 = w[0];
	*word1 = w[1];
}

static void qos_from_words(mach_port_qos_t *qos, __u32 word0, __u32 word1)
{
	__u32 w[2] = { word0, word1 };

	memcpy(qos, w, sizeof(w));
}

MACHPORT_EXPORT kern_return_t
mach_port_allocate(ipc_space_t task, mach_port_right_t right,
		   mach_port_name_t *name)
{
	struct machport_allocate args = {
		.task	= task,
		.right	= right,
	};
	kern_return_t kr;

	if (!name)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_ALLOCATE, &args, &args.task);
	if (kr == KERN_SUCCESS)
		*name = args.name;
	return kr;
}

MACHPORT_EXPORT kern_return_t
mach_port_allocate_name(ipc_space_t task, mach_port_right_t right,
			mach_port_name_t name)
{
	struct machport_allocate args = {
		.task	= task,
		.right	= right,
		.name	= name,
	};

	return machport_ioctl(MACHPORT_IOC_ALLOCATE_NAME, &args, &args.task);
}

/* The two calls that take a qos: its name bit sends *name along. */
static kern_return_t allocate_with_qos(unsigned long cmd,
				       struct machport_allocate *args,
				       mach_port_qos_t *qos,
				       mach_port_name_t *name)
{
	kern_return_t kr;

	if (!qos || !name)
		return KERN_INVALID_ADDRESS;

	qos_to_words(qos, &args->qos, &args->qos_len);
	if (qos->name)
		args->name = *name;

	kr = machport_ioctl(cmd, args, &args->task);
	if (kr == KERN_SUCCESS) {
		qos_from_words(qos, args->qos, args->qos_len);
		*name = args->name;
	}
	return kr;
}

/*
 * The caller's *name is only an input when qos->name is set; otherwise
 * it may be uninitialized and the field goes to the kernel as zero.
 */
MACHPORT_EXPORT kern_return_t
mach_port_allocate_full(ipc_space_t task, mach_port_right_t right,
			mach_port_t proto, mach_port_qos_t *qos,
			mach_port_name_t *name)
{
	struct machport_allocate args = {
		.task	= task,
		.right	= right,
		.proto	= proto,
	};

	return allocate_with_qos(MACHPORT_IOC_ALLOCATE_FULL, &args, qos, name);
}

/*
 * XNU refuses qos->name here (KERN_INVALID_ARGUMENT); the seed profile
 * honours it as mach_port_allocate_full() does.  The kernel decides, so
 * the name goes along whenever the bit is set.
 */
MACHPORT_EXPORT kern_return_t
mach_port_allocate_qos(ipc_space_t task, mach_port_right_t right,
		       mach_port_qos_t *qos, mach_port_name_t *name)
{
	struct machport_allocate args = {
		.task	= task,
		.right	= right,
	};

	return allocate_with_qos(MACHPORT_IOC_ALLOCATE_QOS, &args, qos, name);
}

MACHPORT_EXPORT kern_return_t
mach_port_deallocate(ipc_space_t task, mach_port_name_t name)
{
	struct machport_name args = {
		.task	= task,
		.name	= name,
	};

	return machport_ioctl(MACHPORT_IOC_DEALLOCATE, &args, &args.task);
}

MACHPORT_EXPORT kern_return_t
mach_port_destroy(ipc_space_t task, mach_port_name_t name)
{
	struct machport_name args = {
		.task	= task,
		.name	= name,
	};

	return machport_ioctl(MACHPORT_IOC_DESTROY, &args, &args.task);
}

MACHPORT_EXPORT kern_return_t
mach_port_mod_refs(ipc_space_t task, mach_port_name_t name,
		   mach_port_right_t right, mach_port_delta_t delta)
{
	struct machport_refs args = {
		.task	= task,
		.name	= name,
		.right	= right,
		.refs	= (__u32)delta,		/* two's complement */
	};

	return machport_ioctl(MACHPORT_IOC_MOD_REFS, &args, &args.task);
}

MACHPORT_EXPORT kern_return_t
mach_port_get_refs(ipc_space_t task, mach_port_name_t name,
		   mach_port_right_t right, mach_port_urefs_t *refs)
{
	struct machport_refs args = {
		.task	= task,
		.name	= name,
		.right	= right,
	};
	kern_return_t kr;

	if (!refs)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_GET_REFS, &args, &args.task);
	if (kr == KERN_SUCCESS)
		*refs = args.refs;
	return kr;
}

MACHPORT_EXPORT kern_return_t
mach_port_type(ipc_space_t task, mach_port_name_t name,
	       mach_port_type_t *ptype)
{
	struct machport_type args = {
		.task	= task,
		.name	= name,
	};
	kern_return_t kr;

	if (!ptype)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_TYPE, &args, &args.task);
	if (kr == KERN_SUCCESS)
		*ptype = args.type;
	return kr;
}

/*
 * The kernel fills at most the room it is given and always reports how
 * many elements it holds, so: guess (room elements per array), and if it
 * held more, free, grow and ask again.  The arrays are pages of their own,
 * trimmed to fit, so that the caller's vm_deallocate(array,
 * count * elem_size) frees exactly what was allocated.
 */
static void unmap_arrays(void **bufs, unsigned int nbufs, size_t size)
{
	unsigned int i;

	for (i = 0; i < nbufs; i++)
		if (bufs[i])
			machport_vm_unmap(bufs[i], size);
}

kern_return_t machport_get_arrays(size_t room, size_t elem_size, void **bufs,
				  unsigned int nbufs, machport_fill_t fill,
				  void *arg, __u32 *count)
{
	size_t size;
	kern_return_t kr;
	unsigned int i;

	for (;;) {
		size = room * elem_size;
		kr = KERN_SUCCESS;
		for (i = 0; i < nbufs; i++) {
			bufs[i] = machport_vm_map(size);
			if (!bufs[i])
				kr = KERN_RESOURCE_SHORTAGE;
		}
		if (kr == KERN_SUCCESS)
			kr = fill(arg, bufs, (__u32)room, count);
		if (kr != KERN_SUCCESS) {
			unmap_arrays(bufs, nbufs, size);
			return kr;
		}
		if (*count <= room)
			break;

		/* The kernel outgrew the guess; leave headroom for more. */
		unmap_arrays(bufs, nbufs, size);
		room = (size_t)*count + *count / 8 + 64;
		if (room > UINT32_MAX)
			return KERN_RESOURCE_SHORTAGE;
	}

	for (i = 0; i < nbufs; i++) {
		if (*count == 0) {
			machport_vm_unmap(bufs[i], size);
			bufs[i] = NULL;
		} else {
			machport_vm_shrink(bufs[i], size,
					   (size_t)*count * elem_size);
		}
	}
	return KERN_SUCCESS;
}

/* One page per array (1024 names with 4 KiB pages) for the first guess. */
static size_t page_of_names(void)
{
	return (size_t)sysconf(_SC_PAGESIZE) / sizeof(__u32);
}

struct names_call {
	ipc_space_t task;
};

static kern_return_t names_fill(void *arg, void *const *bufs, __u32 room,
				__u32 *count)
{
	const struct names_call *c = arg;
	struct machport_names args = {
		.task	= c->task,
		.count	= room,
		.names	= (uintptr_t)bufs[0],
		.types	= (uintptr_t)bufs[1],
	};
	kern_return_t kr;

	kr = machport_ioctl(MACHPORT_IOC_NAMES, &args, &args.task);
	*count = args.count;
	return kr;
}

/* The names and their types: two arrays of the same count. */
MACHPORT_EXPORT kern_return_t
mach_port_names(ipc_space_t task, mach_port_name_array_t *names,
		mach_msg_type_number_t *namesCnt, mach_port_type_array_t *types,
		mach_msg_type_number_t *typesCnt)
{
	struct names_call c = { .task = task };
	void *bufs[2];
	__u32 count;
	kern_return_t kr;

	if (!names || !namesCnt || !types || !typesCnt)
		return KERN_INVALID_ADDRESS;

	kr = machport_get_arrays(page_of_names(), sizeof(__u32), bufs, 2,
				 names_fill, &c, &count);
	if (kr != KERN_SUCCESS)
		return kr;

	*names = bufs[0];
	*namesCnt = count;
	*types = bufs[1];
	*typesCnt = count;
	return KERN_SUCCESS;
}

/*
 * *port_info_outCnt goes to the kernel as the room at port_info_out (in
 * natural_t words) and comes back as the number of words written.
 */
MACHPORT_EXPORT kern_return_t
mach_port_get_attributes(ipc_space_read_t task, mach_port_name_t name,
			 mach_port_flavor_t flavor,
			 mach_port_info_t port_info_out,
			 mach_msg_type_number_t *port_info_outCnt)
{
	struct machport_attributes args = {
		.task	= task,
		.name	= name,
		.flavor	= flavor,
	};
	kern_return_t kr;

	if (!port_info_out || !port_info_outCnt)
		return KERN_INVALID_ADDRESS;

	args.count = *port_info_outCnt;
	args.info = (uintptr_t)port_info_out;

	kr = machport_ioctl(MACHPORT_IOC_GET_ATTRIBUTES, &args, &args.task);
	if (kr == KERN_SUCCESS)
		*port_info_outCnt = args.count;
	return kr;
}

MACHPORT_EXPORT kern_return_t
mach_port_insert_right(ipc_space_t task, mach_port_name_t name,
		       mach_port_t poly, mach_msg_type_name_t polyPoly)
{
	struct machport_insert_right args = {
		.task		= task,
		.name		= name,
		.poly		= poly,
		.poly_poly	= polyPoly,
	};

	return machport_ioctl(MACHPORT_IOC_INSERT_RIGHT, &args, &args.task);
}

MACHPORT_EXPORT kern_return_t
mach_port_rename(ipc_space_t task, mach_port_name_t old_name,
		 mach_port_name_t new_name)
{
	struct machport_rename args = {
		.task		= task,
		.old_name	= old_name,
		.new_name	= new_name,
	};

	return machport_ioctl(MACHPORT_IOC_RENAME, &args, &args.task);
}

/*
 * The right arrives in the caller's space as if received in a message;
 * *poly is its name there (MACH_PORT_DEAD for a dead right) and
 * *polyPoly its MACH_MSG_TYPE_PORT_* type.
 */
MACHPORT_EXPORT kern_return_t
mach_port_extract_right(ipc_space_t task, mach_port_name_t name,
			mach_msg_type_name_t msgt_name, mach_port_t *poly,
			mach_msg_type_name_t *polyPoly)
{
	struct machport_extract_right args = {
		.task		= task,
		.name		= name,
		.msgt_name	= msgt_name,
	};
	kern_return_t kr;

	if (!poly || !polyPoly)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_EXTRACT_RIGHT, &args, &args.task);
	if (kr == KERN_SUCCESS) {
		*poly = args.poly;
		*polyPoly = args.poly_poly;
	}
	return kr;
}

/*
 * port_infoCnt words at port_info go to the kernel, which reads as many
 * as it was told (and checks them against the flavor's count).
 */
MACHPORT_EXPORT kern_return_t
mach_port_set_attributes(ipc_space_t task, mach_port_name_t name,
			 mach_port_flavor_t flavor, mach_port_info_t port_info,
			 mach_msg_type_number_t port_infoCnt)
{
	struct machport_attributes args = {
		.task	= task,
		.name	= name,
		.flavor	= flavor,
		.count	= port_infoCnt,
	};

	if (!port_info)
		return KERN_INVALID_ADDRESS;

	args.info = (uintptr_t)port_info;
	return machport_ioctl(MACHPORT_IOC_SET_ATTRIBUTES, &args, &args.task);
}

/* The three calls on a 32-bit value of a receive right. */
static kern_return_t port_value(unsigned long cmd, ipc_space_t task,
				mach_port_name_t name, __u32 *value)
{
	struct machport_port_value args = {
		.task	= task,
		.name	= name,
		.value	= *value,
	};
	kern_return_t kr;

	kr = machport_ioctl(cmd, &args, &args.task);
	if (kr == KERN_SUCCESS)
		*value = args.value;
	return kr;
}

MACHPORT_EXPORT kern_return_t
mach_port_set_mscount(ipc_space_t task, mach_port_name_t name,
		      mach_port_mscount_t mscount)
{
	__u32 value = mscount;

	return port_value(MACHPORT_IOC_SET_MSCOUNT, task, name, &value);
}

MACHPORT_EXPORT kern_return_t
mach_port_set_seqno(ipc_space_t task, mach_port_name_t name,
		    mach_port_seqno_t seqno)
{
	__u32 value = seqno;

	return port_value(MACHPORT_IOC_SET_SEQNO, task, name, &value);
}

MACHPORT_EXPORT kern_return_t
mach_port_get_srights(ipc_space_t task, mach_port_name_t name,
		      mach_port_rights_t *srights)
{
	__u32 value = 0;
	kern_return_t kr;

	if (!srights)
		return KERN_INVALID_ADDRESS;

	kr = port_value(MACHPORT_IOC_GET_SRIGHTS, task, name, &value);
	if (kr == KERN_SUCCESS)
		*srights = value;
	return kr;
}

/* mach_port_context_t is 64 bits on both ABIs, as in XNU. */
MACHPORT_EXPORT kern_return_t
mach_port_get_context(ipc_space_read_t task, mach_port_name_t name,
		      mach_port_context_t *context)
{
	struct machport_context args = {
		.task	= task,
		.name	= name,
	};
	kern_return_t kr;

	if (!context)
		return KERN_INVALID_ADDRESS;

	kr = machport_ioctl(MACHPORT_IOC_GET_CONTEXT, &args, &args.task);
	if (kr == KERN_SUCCESS)
		*context = (mach_port_context_t)args.context;
	return kr;
}

MACHPORT_EXPORT kern_return_t
mach_port_set_context(ipc_space_t task, mach_port_name_t name,
		      mach_port_context_t context)
{
	struct machport_context args = {
		.task		= task,
		.name		= name,
		.context	= context,
	};

	return machport_ioctl(MACHPORT_IOC_SET_CONTEXT, &args, &args.task);
}

static kern_return_t member_call(unsigned long cmd, ipc_space_t task,
				 mach_port_name_t name, mach_port_name_t pset)
{
	struct machport_member args = {
		.task	= task,
		.name	= name,
		.pset	= pset,
	};

	return machport_ioctl(cmd, &args, &args.task);
}

MACHPORT_EXPORT kern_return_t
mach_port_insert_member(ipc_space_t task, mach_port_name_t name,
			mach_port_name_t pset)
{
	return member_call(MACHPORT_IOC_INSERT_MEMBER, task, name, pset);
}

MACHPORT_EXPORT kern_return_t
mach_port_extract_member(ipc_space_t task, mach_port_name_t name,
			 mach_port_name_t pset)
{
	return member_call(MACHPORT_IOC_EXTRACT_MEMBER, task, name, pset);
}

/* after == MACH_PORT_NULL takes the member out of every set. */
MACHPORT_EXPORT kern_return_t
mach_port_move_member(ipc_space_t task, mach_port_name_t member,
		      mach_port_name_t after)
{
	return member_call(MACHPORT_IOC_MOVE_MEMBER, task, member, after);
}

struct set_status_call {
	ipc_space_read_t task;
	mach_port_name_t name;
};

static kern_return_t set_status_fill(void *arg, void *const *bufs,
				     __u32 room, __u32 *count)
{
	const struct set_status_call *c = arg;
	struct machport_set_status args = {
		.task		= c->task,
		.name		= c->name,
		.count		= room,
		.members	= (uintptr_t)bufs[0],
	};
	kern_return_t kr;

	kr = machport_ioctl(MACHPORT_IOC_GET_SET_STATUS, &args, &args.task);
	*count = args.count;
	return kr;
}

/*
 * The same protocol as mach_port_names() (machport_get_arrays), so that
 * vm_deallocate(members, count * 4) frees exactly what was allocated.
 * An empty set gives NULL and 0.
 */
MACHPORT_EXPORT kern_return_t
mach_port_get_set_status(ipc_space_read_t task, mach_port_name_t name,
			 mach_port_name_array_t *members,
			 mach_msg_type_number_t *membersCnt)
{
	struct set_status_call c = { .task = task, .name = name };
	void *buf;
	__u32 count;
	kern_return_t kr;

	if (!members || !membersCnt)
		return KERN_INVALID_ADDRESS;

	kr = machport_get_arrays(page_of_names(), sizeof(__u32), &buf, 1,
				 set_status_fill, &c, &count);
	if (kr != KERN_SUCCESS)
		return kr;

	*members = buf;
	*membersCnt = count;
	return KERN_SUCCESS;
}
