// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * machportctl - load, unload and report the machport kernel module.
 *
 *   machportctl load [--path FILE.ko] [PARAM=VALUE ...]
 *   machportctl unload [--wait]
 *   machportctl status [--quiet]
 *
 * Loading goes through libkmod as modprobe(8) does: the module is found
 * by name in the module index of the running kernel (modules.dep, which
 * depmod writes when the machport-dkms package or "make install" puts the
 * module under /lib/modules/RELEASE), its dependencies are loaded first,
 * and the options of /etc/modprobe.d apply, followed by the parameters of
 * the command line.  --path loads a given file instead (its dependencies
 * still come from the index, by name).  Parameter names are checked
 * against the module's own list (its .modinfo) before anything is loaded:
 * the kernel would only log and ignore an unknown one.
 *
 * A failure is explained from the errno the kernel gave, and the kernel's
 * own messages about the module (or about loading modules), read from
 * /dev/kmsg, follow.
 *
 * Exit status (the same for every command; status is 0 or 3, as
 * "systemctl status"):
 *   0  done (load: loaded, or already loaded with the same parameters;
 *      status: loaded)
 *   1  another failure
 *   2  bad command line, or a parameter the module does not have
 *   3  the module is not loaded (status, unload)
 *   4  not permitted: loading and unloading need CAP_SYS_MODULE (root)
 *   5  no module file: none installed for this kernel, the --path file
 *      does not exist, or a dependency is missing
 *   6  already loaded with other parameters
 *   7  in use: processes still have /dev/machport (or a port descriptor)
 *      open
 *   8  the kernel refused the module (version, format, signature,
 *      lockdown, a bad parameter value, or its initialisation failed)
 */
#define _GNU_SOURCE

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>

#include <libkmod.h>

#define PROG		"machportctl"
#define MODNAME		"machport"
#define DEVICE		"/dev/machport"
#define SYSFS_MODULE	"/sys/module/" MODNAME
#define SYSFS_DEVICE	"/sys/class/misc/" MODNAME

#ifndef MACHPORT_VERSION
#define MACHPORT_VERSION "unknown"
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define fallthrough	__attribute__((__fallthrough__))

/* CAP_SYS_MODULE, from <linux/capability.h>. */
#define CAP_SYS_MODULE_BIT	16

enum {
	ST_OK		= 0,
	ST_FAIL		= 1,
	ST_USAGE	= 2,
	ST_NOT_LOADED	= 3,
	ST_PERM		= 4,
	ST_NOT_FOUND	= 5,
	ST_CONFLICT	= 6,
	ST_BUSY		= 7,
	ST_REFUSED	= 8,
};

/* The module's counters in sysfs (kmod/main.c, mp_stats_attrs). */
static const char *const counters[] = {
	"spaces", "ports", "port_sets", "names", "messages", "ool_pages",
	"memory",
};

/* A parameter of the module, from its .modinfo "parmtype" entries. */
struct param {
	char name[64];
	char type[32];
};

/* What a module file says about itself. */
struct modinfo {
	struct param *params;
	size_t nparams;
	char vermagic[256];
	char version[64];
	char srcversion[64];
	char depends[256];
};

static bool verbose;
static char release[65];	/* the running kernel */
static char last_action[64];	/* the module libkmod inserted last */
static int kmsg_fd = -1;

static void __attribute__((noreturn)) usage(int status)
{
	fprintf(status ? stderr : stdout,
		"Usage: " PROG " [-v] load [--path FILE.ko] [PARAM=VALUE ...]\n"
		"       " PROG " [-v] unload [--wait]\n"
		"       " PROG " [-v] status [--quiet]\n"
		"       " PROG " -h | --help | --version\n"
		"Load, unload or report the " MODNAME " kernel module.\n"
		"\n"
		"load      load " MODNAME " and its dependencies from the module\n"
		"          index of the running kernel (or FILE.ko), with the\n"
		"          options of /etc/modprobe.d and the PARAMs given\n"
		"          (default_profile=seed|xnu, space_limit=N,\n"
		"          task_for_pid_scope=0..3; see modinfo " MODNAME ")\n"
		"unload    remove the module; --wait: until the last process\n"
		"          has closed " DEVICE "\n"
		"status    whether it is loaded, its parameters, the device\n"
		"          node and the module's counters; --quiet: the exit\n"
		"          status only (0 loaded, 3 not loaded)\n"
		"-v        also show what libkmod does\n"
		"\n"
		"Exit status: 0 done, 1 failure, 2 bad usage or unknown\n"
		"parameter, 3 not loaded, 4 not permitted (needs root), 5 no\n"
		"module file, 6 loaded with other parameters, 7 in use, 8 the\n"
		"kernel refused the module.\n");
	exit(status);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fprintf(stderr, PROG ": out of memory\n");
		exit(ST_FAIL);
	}
	return p;
}

static void *xrealloc(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		p = NULL;
	else
		p = realloc(p, (n ? n : 1) * size);
	if (!p) {
		fprintf(stderr, PROG ": out of memory\n");
		exit(ST_FAIL);
	}
	return p;
}

/* Copy at most len - 1 bytes of src and terminate. */
static void copy_str(char *dst, size_t len, const char *src)
{
	size_t n = src ? strnlen(src, len - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

/* A sysfs attribute's first line, without its newline; false if none. */
static bool read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/* The calling process has CAP_SYS_MODULE in its effective set. */
static bool have_cap_sys_module(void)
{
	char line[256];
	uint64_t caps;
	bool found = false;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return geteuid() == 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "CapEff: %" SCNx64, &caps) == 1) {
			found = true;
			break;
		}
	}
	fclose(f);
	if (!found)
		return geteuid() == 0;
	return caps & ((uint64_t)1 << CAP_SYS_MODULE_BIT);
}

/*
 * libkmod's own messages: shown with -v only, since every failure is
 * explained here in the tool's terms.
 */
static void kmod_log(void *data, int priority, const char *file, int line,
		     const char *fn, const char *format, va_list args)
{
	(void)data;
	(void)priority;
	(void)file;
	(void)line;
	(void)fn;
	if (!verbose)
		return;
	fprintf(stderr, PROG ": libkmod: ");
	vfprintf(stderr, format, args);
}

static struct kmod_ctx *new_ctx(void)
{
	struct kmod_ctx *ctx = kmod_new(NULL, NULL);

	if (!ctx) {
		fprintf(stderr, PROG ": cannot initialise libkmod for %s: %s\n",
			release, strerror(errno ? errno : ENOMEM));
		exit(ST_FAIL);
	}
	kmod_set_log_fn(ctx, kmod_log, NULL);
	kmod_set_log_priority(ctx, verbose ? LOG_INFO : LOG_ERR);
	return ctx;
}

/*
 * The options of a command that takes one flag, --@name or -@c, and
 * --help, and no operands.  Returns whether the flag was given.
 */
static bool flag_option(int argc, char **argv, const char *name, int c)
{
	const struct option longopts[] = {
		{ name, no_argument, NULL, c },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char shortopts[] = { '+', (char)c, 'h', '\0' };
	bool flag = false;
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (opt == c)
			flag = true;
		else if (opt == 'h')
			usage(0);
		else
			usage(ST_USAGE);
	}
	if (optind < argc)
		usage(ST_USAGE);
	return flag;
}

/* The module, by name (loaded or not); a message if libkmod fails. */
static int module_by_name(struct kmod_ctx *ctx, struct kmod_module **mod)
{
	int err = kmod_module_new_from_name(ctx, MODNAME, mod);

	if (err < 0)
		fprintf(stderr, PROG ": " MODNAME ": %s\n", strerror(-err));
	return err;
}

/* kmod_module_get_initstate(), with "loaded" folded in. */
static bool is_loaded(int state)
{
	return state == KMOD_MODULE_LIVE || state == KMOD_MODULE_COMING ||
	       state == KMOD_MODULE_BUILTIN;
}

/*
 * The kernel log from now on: kmsg_mark() before an attempt,
 * kmsg_show() after a failure prints the new records that name the
 * module (the loader's "machport: version magic ...", the module's own
 * errors, lockdown's refusal).
 */
static void kmsg_mark(void)
{
	if (kmsg_fd >= 0)
		close(kmsg_fd);
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg_fd >= 0 && lseek(kmsg_fd, 0, SEEK_END) < 0) {
		close(kmsg_fd);
		kmsg_fd = -1;
	}
}

static void kmsg_show(void)
{
	char rec[2048];
	int shown = 0;
	ssize_t n;

	if (kmsg_fd < 0) {
		fprintf(stderr, PROG ": see the kernel log (dmesg)\n");
		return;
	}
	for (;;) {
		char *msg;

		n = read(kmsg_fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* records were overwritten */
		if (n <= 0)
			break;
		rec[n] = '\0';
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		msg[strcspn(msg, "\n")] = '\0';
		/*
		 * The module's and the loader's records, and lockdown's (it
		 * names this program); not the taint notices of any
		 * out-of-tree module, which are no reason for a refusal.
		 */
		if ((!strstr(msg, MODNAME) && !strstr(msg, "module")) ||
		    strstr(msg, "taint") || shown >= 20)
			continue;
		fprintf(stderr, PROG ": kernel: %s\n", msg);
		shown++;
	}
	if (!shown)
		fprintf(stderr, PROG ": the kernel logged nothing about "
			MODNAME "; see dmesg\n");
	close(kmsg_fd);
	kmsg_fd = -1;
}

static int cmp_param(const void *a, const void *b)
{
	return strcmp(((const struct param *)a)->name,
		      ((const struct param *)b)->name);
}

/* Read a module file's .modinfo; 0 or a negative errno. */
static int read_modinfo(struct kmod_module *mod, struct modinfo *mi)
{
	struct kmod_list *list = NULL, *l;
	int err;

	memset(mi, 0, sizeof(*mi));
	err = kmod_module_get_info(mod, &list);
	if (err < 0)
		return err;
	kmod_list_foreach(l, list) {
		const char *key = kmod_module_info_get_key(l);
		const char *value = kmod_module_info_get_value(l);
		const char *colon;
		struct param *p;

		if (!key || !value)
			continue;
		if (!strcmp(key, "vermagic")) {
			copy_str(mi->vermagic, sizeof(mi->vermagic), value);
		} else if (!strcmp(key, "version")) {
			copy_str(mi->version, sizeof(mi->version), value);
		} else if (!strcmp(key, "srcversion")) {
			copy_str(mi->srcversion, sizeof(mi->srcversion), value);
		} else if (!strcmp(key, "depends")) {
			copy_str(mi->depends, sizeof(mi->depends), value);
		} else if (!strcmp(key, "parmtype")) {
			colon = strchr(value, ':');
			if (!colon || colon == value)
				continue;
			mi->params = xrealloc(mi->params, mi->nparams + 1,
					      sizeof(*mi->params));
			p = &mi->params[mi->nparams++];
			snprintf(p->name, sizeof(p->name), "%.*s",
				 (int)(colon - value), value);
			copy_str(p->type, sizeof(p->type), colon + 1);
		}
	}
	kmod_module_info_free_list(list);
	if (mi->nparams)
		qsort(mi->params, mi->nparams, sizeof(*mi->params), cmp_param);
	return 0;
}

/*
 * The parameters of the loaded module, when its file cannot be read: the
 * names sysfs shows, of unknown types.
 */
static void params_from_sysfs(struct modinfo *mi)
{
	DIR *d = opendir(SYSFS_MODULE "/parameters");
	struct dirent *de;

	memset(mi, 0, sizeof(*mi));
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		mi->params = xrealloc(mi->params, mi->nparams + 1,
				      sizeof(*mi->params));
		copy_str(mi->params[mi->nparams].name,
			 sizeof(mi->params[0].name), de->d_name);
		mi->params[mi->nparams].type[0] = '\0';
		mi->nparams++;
	}
	if (d)
		closedir(d);
	if (mi->nparams)
		qsort(mi->params, mi->nparams, sizeof(*mi->params), cmp_param);
}

/* The kernel release a module was built for: vermagic's first word. */
static const char *built_for(const struct modinfo *mi, char *buf, size_t len)
{
	if (!mi->vermagic[0])
		return "an unknown kernel";
	snprintf(buf, len, "%.*s", (int)strcspn(mi->vermagic, " "),
		 mi->vermagic);
	return buf;
}

static const struct param *find_param(const struct modinfo *mi,
				      const char *name)
{
	size_t i;

	for (i = 0; i < mi->nparams; i++)
		if (!strcmp(mi->params[i].name, name))
			return &mi->params[i];
	return NULL;
}

/* "a, b, c": the module's parameter names, for messages. */
static void param_names(const struct modinfo *mi, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < mi->nparams && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s",
				 i ? ", " : "", mi->params[i].name);
}

/* A PARAM=VALUE of the command line, split and checked. */
struct request {
	char name[64];
	const char *value;
	const struct param *param;
};

/*
 * Split and check the PARAM=VALUE arguments against the module's
 * parameters; fills req[] and the option string libkmod passes to the
 * kernel.  Returns ST_OK or ST_USAGE (after saying why).
 */
static int parse_params(char **args, int n, const struct modinfo *mi,
			struct request *req, char **options)
{
	size_t len = 1, used = 0;
	char names[512];
	int i;

	for (i = 0; i < n; i++)
		len += strlen(args[i]) + 4;
	*options = xcalloc(len, 1);
	for (i = 0; i < n; i++) {
		const char *eq = strchr(args[i], '=');
		size_t nlen = eq ? (size_t)(eq - args[i]) : 0;
		size_t k;

		if (!eq || !nlen || nlen >= sizeof(req[i].name)) {
			fprintf(stderr, PROG ": '%s': a parameter is "
				"PARAM=VALUE\n", args[i]);
			return ST_USAGE;
		}
		/* The kernel does not tell '-' from '_' in names. */
		for (k = 0; k < nlen; k++) {
			char c = args[i][k];

			if (!isalnum((unsigned char)c) && c != '_' && c != '-')
				break;
			req[i].name[k] = c == '-' ? '_' : c;
		}
		req[i].name[k] = '\0';
		req[i].value = eq + 1;
		req[i].param = k == nlen ? find_param(mi, req[i].name) : NULL;
		if (!req[i].param) {
			param_names(mi, names, sizeof(names));
			fprintf(stderr, PROG ": unknown parameter '%.*s': "
				MODNAME " has %s\n", (int)nlen, args[i],
				mi->nparams ? names : "no parameters");
			return ST_USAGE;
		}
		if (strpbrk(req[i].value, "\"\n")) {
			fprintf(stderr, PROG ": %s: a value cannot hold '\"' "
				"or a newline\n", req[i].name);
			return ST_USAGE;
		}
		/* A value with blanks is quoted, as the kernel's parser wants. */
		used += sprintf(*options + used,
				strpbrk(req[i].value, " \t") ? "%s%s=\"%s\"" :
				"%s%s=%s", used ? " " : "", req[i].name,
				req[i].value);
	}
	return ST_OK;
}

/* The value of a parameter as the kernel would store it, for comparing. */
static bool same_value(const char *type, const char *want, const char *have)
{
	char *end;

	if (!strcmp(type, "bool") || !strcmp(type, "invbool")) {
		bool w, h;

		if (want[0] && strchr("yY1", want[0]))
			w = true;
		else if (want[0] && strchr("nN0", want[0]))
			w = false;
		else
			return false;
		h = have[0] && strchr("yY1", have[0]);
		return w == h;
	}
	if (!strcmp(type, "charp") || !strcmp(type, "string"))
		return !strcmp(want, have);
	if (!type[0]) {
		/* Unknown: the same text, or the same number. */
		if (!strcmp(want, have))
			return true;
		return same_value("llong", want, have);
	}
	if (type[0] == 'u' || !strcmp(type, "byte") ||
	    !strcmp(type, "hexint")) {
		unsigned long long w, h;

		errno = 0;
		w = strtoull(want, &end, 0);
		if (errno || end == want || *end || want[0] == '-')
			return false;
		h = strtoull(have, &end, 0);
		return end != have && w == h;
	} else {
		long long w, h;

		errno = 0;
		w = strtoll(want, &end, 0);
		if (errno || end == want || *end)
			return false;
		h = strtoll(have, &end, 0);
		return end != have && w == h;
	}
}

/*
 * The module is loaded: success if every requested parameter has the
 * value asked for, else an error naming the first that differs.
 */
static int check_loaded(int state, const struct request *req, int n)
{
	char path[PATH_MAX], have[256];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), SYSFS_MODULE "/parameters/%s",
			 req[i].name);
		if (!read_line(path, have, sizeof(have))) {
			fprintf(stderr, PROG ": " MODNAME " is already loaded, "
				"and its %s cannot be read back: unload it "
				"first (" PROG " unload)\n", req[i].name);
			return ST_CONFLICT;
		}
		if (!same_value(req[i].param->type, req[i].value, have)) {
			fprintf(stderr, PROG ": " MODNAME " is already loaded "
				"with %s=%s, not %s: unload it first (" PROG
				" unload)\n", req[i].name, have, req[i].value);
			return ST_CONFLICT;
		}
	}
	printf(MODNAME " is already %s\n", state == KMOD_MODULE_BUILTIN ?
	       "built into the kernel" : "loaded");
	return ST_OK;
}

static void not_installed(void)
{
	fprintf(stderr, PROG ": no " MODNAME " module is installed for this "
		"kernel (%s): install the machport-dkms package, or run 'make "
		"install' in the machport sources (or give the file with "
		"--path)\n", release);
}

/*
 * The machport of the running kernel's index (its aliases and
 * /etc/modprobe.d's included), or NULL.
 */
static struct kmod_module *lookup_module(struct kmod_ctx *ctx)
{
	struct kmod_list *list = NULL, *l;
	struct kmod_module *mod = NULL;
	int err;

	err = kmod_module_new_from_lookup(ctx, MODNAME, &list);
	if (err < 0) {
		fprintf(stderr, PROG ": looking up " MODNAME " in the module "
			"index of %s: %s\n", release, strerror(-err));
		exit(ST_FAIL);
	}
	kmod_list_foreach(l, list) {
		struct kmod_module *m = kmod_module_get_module(l);

		if (!mod && !strcmp(kmod_module_get_name(m), MODNAME))
			mod = m;
		else
			kmod_module_unref(m);
	}
	kmod_module_unref_list(list);
	if (mod && kmod_module_get_initstate(mod) != KMOD_MODULE_BUILTIN &&
	    !kmod_module_get_path(mod)) {
		kmod_module_unref(mod);
		mod = NULL;
	}
	return mod;
}

static void print_action(struct kmod_module *m, bool install,
			 const char *options)
{
	copy_str(last_action, sizeof(last_action), kmod_module_get_name(m));
	if (verbose)
		fprintf(stderr, PROG ": %s %s %s\n",
			install ? "install command for" : "insmod",
			install ? kmod_module_get_name(m) :
			kmod_module_get_path(m), options);
}

/*
 * --path loads a file the index may not know: the modules its .modinfo
 * depends on are loaded first, by name.
 */
static int load_depends(struct kmod_ctx *ctx, const struct modinfo *mi)
{
	char deps[sizeof(mi->depends)], *name, *save;
	int err;

	copy_str(deps, sizeof(deps), mi->depends);
	for (name = strtok_r(deps, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		struct kmod_module *dep = NULL;

		err = kmod_module_new_from_name(ctx, name, &dep);
		if (err < 0) {
			fprintf(stderr, PROG ": %s: %s\n", name, strerror(-err));
			return ST_FAIL;
		}
		if (is_loaded(kmod_module_get_initstate(dep))) {
			kmod_module_unref(dep);
			continue;
		}
		if (!kmod_module_get_path(dep)) {
			fprintf(stderr, PROG ": " MODNAME " needs the module "
				"%s, which is not installed for %s\n", name,
				release);
			kmod_module_unref(dep);
			return ST_NOT_FOUND;
		}
		kmsg_mark();
		err = kmod_module_probe_insert_module(dep, 0, NULL, NULL, NULL,
						      print_action);
		kmod_module_unref(dep);
		if (err < 0) {
			fprintf(stderr, PROG ": cannot load %s, which " MODNAME
				" needs: %s\n", name, strerror(-err));
			kmsg_show();
			return err == -ENOENT ? ST_NOT_FOUND : ST_REFUSED;
		}
	}
	return ST_OK;
}

/* Why the kernel refused to load modules at all, if it says. */
static void explain_eperm(void)
{
	char buf[128];
	char *sel, *end;

	if (read_line("/proc/sys/kernel/modules_disabled", buf, sizeof(buf)) &&
	    !strcmp(buf, "1"))
		fprintf(stderr, PROG ": kernel.modules_disabled is 1: no "
			"module can be loaded until the next boot\n");
	if (read_line("/sys/kernel/security/lockdown", buf, sizeof(buf))) {
		sel = strchr(buf, '[');
		end = sel ? strchr(sel, ']') : NULL;
		if (sel && end && strncmp(sel, "[none]", 6)) {
			*end = '\0';
			fprintf(stderr, PROG ": the kernel is locked down "
				"(%s): it loads only modules signed with a "
				"trusted key\n", sel + 1);
		}
	}
}

/* Explain a failed kmod_module_probe_insert_module(). */
static int load_failed(int err, const char *path, const struct modinfo *mi,
		       const char *options)
{
	char kbuf[65];
	const char *kver = built_for(mi, kbuf, sizeof(kbuf));
	bool mismatch = strcmp(kver, release) != 0;
	struct stat st;

	if (last_action[0] && strcmp(last_action, MODNAME)) {
		fprintf(stderr, PROG ": cannot load %s, which " MODNAME
			" needs: %s\n", last_action, strerror(-err));
		kmsg_show();
		return err == -ENOENT ? ST_NOT_FOUND : ST_REFUSED;
	}

	switch (-err) {
	case ENOENT:
		if (stat(path, &st) < 0) {
			fprintf(stderr, PROG ": %s: %s (the module index of "
				"%s is out of date: run depmod)\n", path,
				strerror(ENOENT), release);
			return ST_NOT_FOUND;
		}
		fprintf(stderr, PROG ": the kernel refused " MODNAME ": it "
			"uses symbols that no loaded module provides (a "
			"dependency is missing, or the module was built for "
			"another kernel: %s)\n", kver);
		break;
	case EINVAL:
		if (!mismatch && options[0]) {
			fprintf(stderr, PROG ": the kernel refused " MODNAME
				": a parameter value is invalid (%s)\n",
				options);
			break;
		}
		fallthrough;
	case ENOEXEC:
		fprintf(stderr, PROG ": the kernel refused " MODNAME ": version "
			"magic or format does not match this kernel (built for "
			"%s%s%s)\n", kver, mismatch ? ", this kernel is " : "",
			mismatch ? release : "");
		break;
	case EPERM:
		if (!have_cap_sys_module()) {
			fprintf(stderr, PROG ": loading a kernel module needs "
				"root (CAP_SYS_MODULE)\n");
			return ST_PERM;
		}
		fprintf(stderr, PROG ": the kernel refused to load modules "
			"(lockdown, signature, or modules_disabled)\n");
		explain_eperm();
		break;
	case EKEYREJECTED:
	case ENOKEY:
	case EBADMSG:
	case ENODATA:
		fprintf(stderr, PROG ": the kernel refused " MODNAME ": it "
			"requires modules signed with a trusted key (%s); sign "
			"%s, e.g. with the DKMS key enrolled through mokutil\n",
			strerror(-err), path);
		break;
	case EBUSY:
		fprintf(stderr, PROG ": the kernel refused " MODNAME ": %s "
			"(it may be loading or unloading right now)\n",
			strerror(-err));
		break;
	default:
		fprintf(stderr, PROG ": the kernel refused " MODNAME ": %s\n",
			strerror(-err));
		break;
	}
	kmsg_show();
	return ST_REFUSED;
}

static int cmd_load(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "path", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct kmod_module *mod = NULL;
	struct request *req;
	struct modinfo mi;
	const char *file = NULL, *path;
	char *options = NULL;
	int opt, err, state, status, n;
	struct kmod_ctx *ctx;

	while ((opt = getopt_long(argc, argv, "+p:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			file = optarg;
			break;
		case 'h':
			usage(0);
		default:
			usage(ST_USAGE);
		}
	}
	n = argc - optind;
	req = xcalloc((size_t)n, sizeof(*req));
	ctx = new_ctx();

	if (file) {
		err = kmod_module_new_from_path(ctx, file, &mod);
		if (err < 0) {
			fprintf(stderr, PROG ": %s: %s\n", file,
				strerror(-err));
			return err == -ENOENT ? ST_NOT_FOUND : ST_FAIL;
		}
		if (strcmp(kmod_module_get_name(mod), MODNAME)) {
			fprintf(stderr, PROG ": %s: this is the module %s, not "
				MODNAME "\n", file, kmod_module_get_name(mod));
			return ST_USAGE;
		}
	} else {
		if (module_by_name(ctx, &mod) < 0)
			return ST_FAIL;
		if (!is_loaded(kmod_module_get_initstate(mod))) {
			kmod_module_unref(mod);
			mod = lookup_module(ctx);
			if (!mod) {
				not_installed();
				return ST_NOT_FOUND;
			}
		}
	}
	state = kmod_module_get_initstate(mod);
	path = kmod_module_get_path(mod);

	err = read_modinfo(mod, &mi);
	if (err < 0 && !is_loaded(state)) {
		if (err == -ENOENT) {
			fprintf(stderr, PROG ": %s: %s (the module index of %s "
				"is out of date: run depmod, or reinstall "
				"machport-dkms)\n", path ? path : MODNAME,
				strerror(-err), release);
			return ST_NOT_FOUND;
		}
		fprintf(stderr, PROG ": %s: not a kernel module? (%s)\n",
			path ? path : MODNAME, strerror(-err));
		return ST_FAIL;
	}
	if (err < 0)
		params_from_sysfs(&mi);	/* loaded, but its file is gone */

	status = parse_params(argv + optind, n, &mi, req, &options);
	if (status != ST_OK)
		return status;
	if (is_loaded(state))
		return check_loaded(state, req, n);

	if (file) {
		status = load_depends(ctx, &mi);
		if (status != ST_OK)
			return status;
	}

	kmsg_mark();
	err = kmod_module_probe_insert_module(mod, KMOD_PROBE_FAIL_ON_LOADED,
					      options, NULL, NULL,
					      print_action);
	if (err == -EEXIST) {
		/* Someone else loaded it meanwhile. */
		return check_loaded(kmod_module_get_initstate(mod), req, n);
	}
	if (err < 0)
		return load_failed(err, path ? path : MODNAME, &mi, options);
	if (verbose)
		fprintf(stderr, PROG ": loaded %s\n", path ? path : MODNAME);
	if (kmsg_fd >= 0)
		close(kmsg_fd);
	kmod_module_unref(mod);
	kmod_unref(ctx);
	free(options);
	free(req);
	free(mi.params);
	return ST_OK;
}

/* Does this open file keep the module in use? */
static bool holds_module(const char *fdpath, dev_t dev)
{
	char target[PATH_MAX];
	struct stat st;
	ssize_t n;

	n = readlink(fdpath, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	if (!strncmp(target, "anon_inode:[" MODNAME, 12 + strlen(MODNAME)))
		return true;
	return dev && stat(fdpath, &st) == 0 && S_ISCHR(st.st_mode) &&
	       st.st_rdev == dev;
}

/*
 * List the processes that hold the device or one of the module's
 * descriptors (port descriptors, out-of-line memory) open.
 */
static void list_users(void)
{
	char buf[64], path[PATH_MAX], comm[64];
	unsigned int maj, mnr;
	struct dirent *pe, *fe;
	int listed = 0;
	dev_t dev = 0;
	DIR *pd, *fd;

	if (read_line(SYSFS_DEVICE "/dev", buf, sizeof(buf)) &&
	    sscanf(buf, "%u:%u", &maj, &mnr) == 2)
		dev = makedev(maj, mnr);
	pd = opendir("/proc");
	if (!pd)
		return;
	while ((pe = readdir(pd)) && listed < 20) {
		if (!isdigit((unsigned char)pe->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fd", pe->d_name);
		fd = opendir(path);
		if (!fd)
			continue;
		while ((fe = readdir(fd))) {
			if (fe->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/fd/%s",
				 pe->d_name, fe->d_name);
			if (!holds_module(path, dev))
				continue;
			snprintf(path, sizeof(path), "/proc/%s/comm",
				 pe->d_name);
			if (!read_line(path, comm, sizeof(comm)))
				copy_str(comm, sizeof(comm), "?");
			fprintf(stderr, PROG ":   pid %s (%s)\n", pe->d_name,
				comm);
			listed++;
			break;
		}
		closedir(fd);
	}
	closedir(pd);
}

static int cmd_unload(int argc, char **argv)
{
	const struct timespec tick = { 0, 100 * 1000 * 1000 };
	bool wait = flag_option(argc, argv, "wait", 'w'), said = false;
	struct kmod_module *mod = NULL;
	struct kmod_list *holders, *l;
	int err, state, refs;
	struct kmod_ctx *ctx;

	ctx = new_ctx();
	if (module_by_name(ctx, &mod) < 0)
		return ST_FAIL;
	state = kmod_module_get_initstate(mod);
	if (state == KMOD_MODULE_BUILTIN) {
		fprintf(stderr, PROG ": " MODNAME " is built into the kernel "
			"and cannot be unloaded\n");
		return ST_FAIL;
	}
	if (!is_loaded(state) && state != KMOD_MODULE_GOING) {
		fprintf(stderr, PROG ": " MODNAME " is not loaded\n");
		return ST_NOT_LOADED;
	}

	for (;;) {
		err = kmod_module_remove_module(mod, KMOD_REMOVE_NOLOG);
		if (err != -EAGAIN && err != -EBUSY)
			break;
		refs = kmod_module_get_refcnt(mod);
		if (wait) {
			if (!said && verbose)
				fprintf(stderr, PROG ": waiting for the %d "
					"users of " MODNAME " to close it\n",
					refs);
			said = true;
			nanosleep(&tick, NULL);
			continue;
		}
		fprintf(stderr, PROG ": " MODNAME " is in use (reference count "
			"%d): processes still have " DEVICE " open\n", refs);
		holders = kmod_module_get_holders(mod);
		kmod_list_foreach(l, holders) {
			struct kmod_module *h = kmod_module_get_module(l);

			fprintf(stderr, PROG ":   module %s uses it\n",
				kmod_module_get_name(h));
			kmod_module_unref(h);
		}
		kmod_module_unref_list(holders);
		list_users();
		fprintf(stderr, PROG ": close them, or wait for them with "
			"'" PROG " unload --wait'\n");
		return ST_BUSY;
	}
	if (err == -ENOENT) {
		fprintf(stderr, PROG ": " MODNAME " is not loaded\n");
		return ST_NOT_LOADED;
	}
	if (err == -EPERM && !have_cap_sys_module()) {
		fprintf(stderr, PROG ": unloading a kernel module needs root "
			"(CAP_SYS_MODULE)\n");
		return ST_PERM;
	}
	if (err < 0) {
		fprintf(stderr, PROG ": the kernel did not unload " MODNAME
			": %s\n", strerror(-err));
		return ST_REFUSED;
	}
	kmod_module_unref(mod);
	kmod_unref(ctx);
	return ST_OK;
}

/* "/dev/machport: character device 10:243, mode 0666, uid 0 gid 0". */
static void print_device(bool loaded)
{
	char buf[64];
	unsigned int maj, mnr;
	bool have_dev = false;
	struct stat st;

	if (loaded && read_line(SYSFS_DEVICE "/dev", buf, sizeof(buf)) &&
	    sscanf(buf, "%u:%u", &maj, &mnr) == 2)
		have_dev = true;
	printf("  device:      " DEVICE);
	if (stat(DEVICE, &st) < 0) {
		printf(": %s", strerror(errno));
		if (have_dev)
			printf(" (the module's device is %u:%u)", maj, mnr);
		printf("\n");
		return;
	}
	if (!S_ISCHR(st.st_mode)) {
		printf(": not a character device\n");
		return;
	}
	printf(": character device %u:%u, mode %04o, uid %u gid %u",
	       major(st.st_rdev), minor(st.st_rdev),
	       (unsigned int)(st.st_mode & 07777), (unsigned int)st.st_uid,
	       (unsigned int)st.st_gid);
	if (have_dev && st.st_rdev != makedev(maj, mnr))
		printf(" (stale: the module's device is %u:%u)", maj, mnr);
	else if (!loaded)
		printf(" (opening it loads the module)");
	printf("\n");
}

/* "name=value ..." of a sysfs directory's files, in name order. */
static void print_dir_values(const char *label, const char *dir,
			     const char *const *names, size_t nnames)
{
	char path[PATH_MAX], value[256];
	struct dirent **list = NULL;
	int n = 0, i;
	size_t k;

	printf("  %-12s", label);
	if (names) {
		for (k = 0; k < nnames; k++) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
			if (read_line(path, value, sizeof(value)))
				printf(" %s=%s", names[k], value);
		}
	} else {
		n = scandir(dir, &list, NULL, alphasort);
		for (i = 0; i < n; i++) {
			if (list[i]->d_name[0] != '.') {
				snprintf(path, sizeof(path), "%s/%s", dir,
					 list[i]->d_name);
				if (read_line(path, value, sizeof(value)))
					printf(" %s=%s", list[i]->d_name,
					       value);
			}
			free(list[i]);
		}
		free(list);
	}
	printf("\n");
}

static int cmd_status(int argc, char **argv)
{
	bool quiet = flag_option(argc, argv, "quiet", 'q'), loaded;
	struct kmod_module *mod = NULL, *file;
	char version[64], src[64], kbuf[65];
	struct modinfo mi;
	struct kmod_ctx *ctx;
	int state;

	ctx = new_ctx();
	if (module_by_name(ctx, &mod) < 0)
		return ST_FAIL;
	state = kmod_module_get_initstate(mod);
	loaded = state == KMOD_MODULE_LIVE || state == KMOD_MODULE_BUILTIN;
	if (quiet)
		return loaded ? ST_OK : ST_NOT_LOADED;

	if (state >= 0)
		printf(MODNAME ": %s (%s)\n", loaded ? "loaded" : "not loaded",
		       kmod_module_initstate_str(state));
	else
		printf(MODNAME ": not loaded\n");
	printf("  kernel:      %s\n", release);

	memset(&mi, 0, sizeof(mi));
	file = lookup_module(ctx);
	if (file && kmod_module_get_path(file)) {
		printf("  module file: %s", kmod_module_get_path(file));
		if (read_modinfo(file, &mi) == 0)
			printf(" (built for %s)", built_for(&mi, kbuf,
							    sizeof(kbuf)));
		printf("\n");
	} else if (file) {
		printf("  module file: none (built into the kernel)\n");
	} else {
		printf("  module file: none installed for this kernel\n");
	}

	if (loaded) {
		if (!read_line(SYSFS_MODULE "/version", version,
			       sizeof(version)))
			copy_str(version, sizeof(version), mi.version);
		if (!read_line(SYSFS_MODULE "/srcversion", src, sizeof(src)))
			copy_str(src, sizeof(src), mi.srcversion);
	} else {
		copy_str(version, sizeof(version), mi.version);
		copy_str(src, sizeof(src), mi.srcversion);
	}
	if (version[0] || src[0])
		printf("  version:     %s%s%s%s\n", version,
		       version[0] && src[0] ? " " : "",
		       src[0] ? "srcversion " : "", src);

	if (loaded) {
		printf("  references:  %d\n", kmod_module_get_refcnt(mod));
		print_dir_values("parameters:", SYSFS_MODULE "/parameters",
				 NULL, 0);
	}
	print_device(loaded);
	if (loaded)
		print_dir_values("counters:", SYSFS_DEVICE, counters,
				 ARRAY_SIZE(counters));

	free(mi.params);
	if (file)
		kmod_module_unref(file);
	kmod_module_unref(mod);
	kmod_unref(ctx);
	if (fflush(stdout) == EOF) {
		fprintf(stderr, PROG ": standard output: %s\n",
			strerror(errno));
		return ST_FAIL;
	}
	return loaded ? ST_OK : ST_NOT_LOADED;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct utsname u;
	const char *cmd;
	int opt;

	while ((opt = getopt_long(argc, argv, "+vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage(0);
		case 'V':
			printf(PROG " (machport) " MACHPORT_VERSION "\n");
			return ST_OK;
		default:
			usage(ST_USAGE);
		}
	}
	if (optind >= argc)
		usage(ST_USAGE);
	if (uname(&u) == 0)
		copy_str(release, sizeof(release), u.release);

	cmd = argv[optind];
	argc -= optind;
	argv += optind;
	optind = 0;	/* getopt restarts, with GNU's reinitialisation */
	if (!strcmp(cmd, "load"))
		return cmd_load(argc, argv);
	if (!strcmp(cmd, "unload"))
		return cmd_unload(argc, argv);
	if (!strcmp(cmd, "status"))
		return cmd_status(argc, argv);
	fprintf(stderr, PROG ": unknown command '%s'\n", cmd);
	usage(ST_USAGE);
}
