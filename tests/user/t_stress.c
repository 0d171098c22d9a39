// SPDX-License-Identifier: GPL-2.0
/*
 * Stress: fill/free cycles at the space limit, a randomised model check of
 * rights and user references, threads sharing one space, many forks.
 * Every case checks exact end states, so a leak, a lost update or a
 * double free shows as a failure, not only as a crash.
 */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#define SUITE "stress"
#include "util.h"

/* ---- fill to the limit, free everything, again -------------------------- */

TEST_TIMEOUT(fill_and_free_rounds, 180)
{
	mach_port_name_t names[70];
	uint32_t max_index = 0;
	unsigned int round, n, i;

	ASSERT_KR(machport_set_space_limit(TASK, 64), KERN_SUCCESS);
	for (round = 0; round < 100; round++) {
		for (n = 0; n < 70; n++) {
			kern_return_t kr = mach_port_allocate(TASK,
				n % 3 == 0 ? MACH_PORT_RIGHT_RECEIVE :
				n % 3 == 1 ? MACH_PORT_RIGHT_PORT_SET :
					     MACH_PORT_RIGHT_DEAD_NAME, &names[n]);

			if (kr == KERN_NO_SPACE)
				break;
			ASSERT_KR(kr, KERN_SUCCESS);
			if (NAME_INDEX(names[n]) > max_index)
				max_index = NAME_INDEX(names[n]);
		}
		if (!EXPECT_EQ(n, 64u)) {
			DIAG("  round %u", round);
			break;
		}
		if (round % 10 == 0)
			EXPECT_EQ(names_count(), 65u);
		/* free them in a different order each round */
		for (i = 0; i < n; i++) {
			unsigned int k = (i * 7 + round) % n;

			ASSERT_KR(mach_port_destroy(TASK, names[k]), KERN_SUCCESS);
		}
		if (!EXPECT_EQ(names_count(), 1u))
			break;
	}
	/* freed indices are reused: the table does not creep */
	EXPECT_LE(max_index, 64u + NAME_INDEX(mach_task_self()) + 1u);
}

/* ---- a randomised model check ---------------------------------------- */

enum kind { K_FREE, K_RECV, K_PSET, K_DEAD, K_SO };

struct mentry {
	mach_port_name_t name;
	enum kind kind;
	unsigned int send;	/* K_RECV: send urefs under the name */
	unsigned int dead;	/* K_DEAD: dead-name urefs */
	int port;		/* K_SO: index of its receive entry; K_RECV: self */
	unsigned int mscount;	/* K_RECV */
};

#define MODEL_MAX 48

struct model {
	struct mentry e[MODEL_MAX];
	uint32_t seed;
};

static int model_free_slot(struct model *m)
{
	int i;

	for (i = 0; i < MODEL_MAX; i++)
		if (m->e[i].kind == K_FREE)
			return i;
	return -1;
}

static int model_pick(struct model *m, enum kind k)
{
	int idx[MODEL_MAX], n = 0, i;

	for (i = 0; i < MODEL_MAX; i++)
		if (m->e[i].kind == k)
			idx[n++] = i;
	return n ? idx[xorshift32(&m->seed) % n] : -1;
}

static unsigned int model_sorights(struct model *m, int port)
{
	unsigned int i, n = 0;

	for (i = 0; i < MODEL_MAX; i++)
		if (m->e[i].kind == K_SO && m->e[i].port == port)
			n++;
	return n;
}

/* The receive right at slot p dies: its send-once rights become dead names. */
static void model_port_dies(struct model *m, int p)
{
	int i;

	for (i = 0; i < MODEL_MAX; i++) {
		if (m->e[i].kind == K_SO && m->e[i].port == p) {
			m->e[i].kind = K_DEAD;
			m->e[i].dead = 1;
			m->e[i].port = -1;
		}
	}
}

static bool model_check(struct model *m, unsigned int step)
{
	struct name_list l = names_get();
	unsigned int live = 0, i;
	int bad = mpt_failures;

	for (i = 0; i < MODEL_MAX; i++) {
		struct mentry *e = &m->e[i];
		mach_port_type_t want;
		int k;

		if (e->kind == K_FREE)
			continue;
		live++;
		k = names_find(&l, e->name);
		if (!EXPECT_GE(k, 0)) {
			DIAG("  step %u: 0x%x missing", step, e->name);
			continue;
		}
		switch (e->kind) {
		case K_RECV:
			want = e->send ? MACH_PORT_TYPE_SEND_RECEIVE
				       : MACH_PORT_TYPE_RECEIVE;
			EXPECT_REFS(e->name, MACH_PORT_RIGHT_SEND, e->send);
			{
				mach_port_status_t st = status_of(e->name);

				EXPECT_EQ(st.mps_mscount, e->mscount);
				EXPECT_EQ(st.mps_srights, e->send ? 1u : 0u);
				EXPECT_EQ(st.mps_sorights - st.mps_msgcount,
					  model_sorights(m, (int)i));
			}
			break;
		case K_PSET:
			want = MACH_PORT_TYPE_PORT_SET;
			break;
		case K_DEAD:
			want = MACH_PORT_TYPE_DEAD_NAME;
			EXPECT_REFS(e->name, MACH_PORT_RIGHT_DEAD_NAME, e->dead);
			break;
		default:
			want = MACH_PORT_TYPE_SEND_ONCE;
			break;
		}
		if (!EXPECT_EQ(l.types[k], want))
			DIAG("  step %u: 0x%x is %s, model says %s", step, e->name,
			     type_str(l.types[k]), type_str(want));
	}
	EXPECT_EQ(l.count, live + 1);
	names_free(&l);
	return bad == mpt_failures;
}

static void model_step(struct model *m)
{
	uint32_t op = xorshift32(&m->seed) % 12;
	int s, p;

	switch (op) {
	case 0: case 1: case 2: {	/* allocate */
		static const enum kind kinds[] = { K_RECV, K_PSET, K_DEAD };
		static const mach_port_right_t rights[] = {
			MACH_PORT_RIGHT_RECEIVE, MACH_PORT_RIGHT_PORT_SET,
			MACH_PORT_RIGHT_DEAD_NAME };

		s = model_free_slot(m);
		if (s < 0)
			return;
		ASSERT_KR(mach_port_allocate(TASK, rights[op], &m->e[s].name),
			  KERN_SUCCESS);
		m->e[s].kind = kinds[op];
		m->e[s].send = 0;
		m->e[s].dead = op == 2 ? 1 : 0;
		m->e[s].port = op == 0 ? s : -1;
		m->e[s].mscount = 0;
		return;
	}
	case 3:			/* make send */
		p = model_pick(m, K_RECV);
		if (p < 0 || m->e[p].send >= 1000)
			return;
		make_send(m->e[p].name);
		m->e[p].send++;
		m->e[p].mscount++;
		return;
	case 4:			/* make send-once */
		p = model_pick(m, K_RECV);
		s = model_free_slot(m);
		if (p < 0 || s < 0)
			return;
		m->e[s].name = make_send_once(m->e[p].name);
		m->e[s].kind = K_SO;
		m->e[s].port = p;
		return;
	case 5:			/* deallocate */
		p = xorshift32(&m->seed) % MODEL_MAX;
		switch (m->e[p].kind) {
		case K_RECV:
			if (!m->e[p].send) {
				ASSERT_KR(mach_port_deallocate(TASK, m->e[p].name),
					  KERN_INVALID_RIGHT);
				return;
			}
			ASSERT_KR(mach_port_deallocate(TASK, m->e[p].name), KERN_SUCCESS);
			m->e[p].send--;
			return;
		case K_PSET:
			if (IS_SEED()) {
				ASSERT_KR(mach_port_deallocate(TASK, m->e[p].name),
					  KERN_INVALID_RIGHT);
				return;
			}
			ASSERT_KR(mach_port_deallocate(TASK, m->e[p].name), KERN_SUCCESS);
			m->e[p].kind = K_FREE;
			return;
		case K_DEAD:
			ASSERT_KR(mach_port_deallocate(TASK, m->e[p].name), KERN_SUCCESS);
			if (--m->e[p].dead == 0)
				m->e[p].kind = K_FREE;
			return;
		case K_SO:
			ASSERT_KR(mach_port_deallocate(TASK, m->e[p].name), KERN_SUCCESS);
			m->e[p].kind = K_FREE;
			return;
		default:
			return;
		}
	case 6:			/* destroy */
		p = xorshift32(&m->seed) % MODEL_MAX;
		if (m->e[p].kind == K_FREE)
			return;
		ASSERT_KR(mach_port_destroy(TASK, m->e[p].name), KERN_SUCCESS);
		if (m->e[p].kind == K_RECV)
			model_port_dies(m, p);
		m->e[p].kind = K_FREE;
		return;
	case 7:			/* receive right released by mod_refs */
		p = model_pick(m, K_RECV);
		if (p < 0)
			return;
		ASSERT_KR(mach_port_mod_refs(TASK, m->e[p].name,
					     MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
		model_port_dies(m, p);
		if (m->e[p].send) {
			m->e[p].kind = K_DEAD;
			m->e[p].dead = m->e[p].send;
			m->e[p].send = 0;
		} else {
			m->e[p].kind = K_FREE;
		}
		return;
	case 8: {		/* dead-name urefs up or down */
		int d;

		p = model_pick(m, K_DEAD);
		if (p < 0)
			return;
		d = (int)(xorshift32(&m->seed) % 5) - 2;
		if (d > 0 && m->e[p].dead > 1000)
			d = -d;
		if ((int)m->e[p].dead + d < 0) {
			ASSERT_KR(mach_port_mod_refs(TASK, m->e[p].name,
						     MACH_PORT_RIGHT_DEAD_NAME, d),
				  KERN_INVALID_VALUE);
			return;
		}
		ASSERT_KR(mach_port_mod_refs(TASK, m->e[p].name,
					     MACH_PORT_RIGHT_DEAD_NAME, d), KERN_SUCCESS);
		m->e[p].dead = (unsigned int)((int)m->e[p].dead + d);
		if (m->e[p].dead == 0)
			m->e[p].kind = K_FREE;
		return;
	}
	case 9: {		/* send urefs up or down */
		int d;

		p = model_pick(m, K_RECV);
		if (p < 0 || !m->e[p].send)
			return;
		d = (int)(xorshift32(&m->seed) % 5) - 2;
		if (d > 0 && m->e[p].send > 1000)
			d = -d;
		if ((int)m->e[p].send + d < 0) {
			ASSERT_KR(mach_port_mod_refs(TASK, m->e[p].name,
						     MACH_PORT_RIGHT_SEND, d),
				  KERN_INVALID_VALUE);
			return;
		}
		ASSERT_KR(mach_port_mod_refs(TASK, m->e[p].name,
					     MACH_PORT_RIGHT_SEND, d), KERN_SUCCESS);
		m->e[p].send = (unsigned int)((int)m->e[p].send + d);
		return;
	}
	case 10:		/* send-once released by mod_refs */
		p = model_pick(m, K_SO);
		if (p < 0)
			return;
		ASSERT_KR(mach_port_mod_refs(TASK, m->e[p].name,
					     MACH_PORT_RIGHT_SEND_ONCE, -1), KERN_SUCCESS);
		m->e[p].kind = K_FREE;
		return;
	default:		/* port set released by mod_refs */
		p = model_pick(m, K_PSET);
		if (p < 0)
			return;
		ASSERT_KR(mach_port_mod_refs(TASK, m->e[p].name,
					     MACH_PORT_RIGHT_PORT_SET, -1), KERN_SUCCESS);
		m->e[p].kind = K_FREE;
		return;
	}
}

static void model_run(uint32_t seed, unsigned int steps)
{
	static struct model m;
	unsigned int i;

	memset(&m, 0, sizeof(m));
	m.seed = seed;
	DIAG("seed 0x%x", seed);
	for (i = 1; i <= steps; i++) {
		model_step(&m);
		if (i % 250 == 0 && !model_check(&m, i))
			return;
	}
	model_check(&m, steps);
}

TEST_TIMEOUT(random_model_a, 240)
{
	model_run(0x1234567u, 4000);
}

TEST_TIMEOUT(random_model_b, 240)
{
	model_run(0xC0FFEEu, 4000);
}

TEST_TIMEOUT(random_model_c, 240)
{
	model_run(0x5EED0003u, 4000);
}

/* ---- threads in one space --------------------------------------------- */

#define NTHREADS 4

struct worker {
	pthread_t th;
	unsigned int id;
	uint32_t seed;
	unsigned int iters;
	mach_port_name_t live[16];
	mach_port_type_t live_type[16];
	unsigned int nlive;
	kern_return_t first_error;
	unsigned int errors;
	/* shared */
	mach_port_name_t shared;
};

static void worker_err(struct worker *w, kern_return_t kr)
{
	if (!w->errors++)
		w->first_error = kr;
}

static void *alloc_destroy_worker(void *arg)
{
	struct worker *w = arg;
	unsigned int i;

	for (i = 0; i < w->iters; i++) {
		uint32_t r = xorshift32(&w->seed);

		if (w->nlive < 16 && (r & 1 || w->nlive == 0)) {
			static const mach_port_right_t rights[] = {
				MACH_PORT_RIGHT_RECEIVE, MACH_PORT_RIGHT_PORT_SET,
				MACH_PORT_RIGHT_DEAD_NAME };
			unsigned int k = (r >> 1) % 3;
			mach_port_name_t n;
			kern_return_t kr = mach_port_allocate(TASK, rights[k], &n);

			if (kr != KERN_SUCCESS) {
				worker_err(w, kr);
				continue;
			}
			w->live[w->nlive] = n;
			w->live_type[w->nlive++] = MACH_PORT_TYPE(rights[k]);
		} else {
			unsigned int k = (r >> 1) % w->nlive;
			mach_port_type_t t;
			kern_return_t kr = mach_port_type(TASK, w->live[k], &t);

			if (kr != KERN_SUCCESS || t != w->live_type[k])
				worker_err(w, kr ? kr : -1);
			kr = mach_port_destroy(TASK, w->live[k]);
			if (kr != KERN_SUCCESS)
				worker_err(w, kr);
			w->live[k] = w->live[--w->nlive];
			w->live_type[k] = w->live_type[w->nlive];
		}
	}
	return NULL;
}

static void run_workers(struct worker *w, void *(*fn)(void *), unsigned int iters,
			mach_port_name_t shared)
{
	unsigned int i;

	for (i = 0; i < NTHREADS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].id = i;
		w[i].seed = 0x9E3779B9u * (i + 1);
		w[i].iters = iters;
		w[i].shared = shared;
		ASSERT_EQ(pthread_create(&w[i].th, NULL, fn, &w[i]), 0);
	}
	for (i = 0; i < NTHREADS; i++)
		pthread_join(w[i].th, NULL);
	for (i = 0; i < NTHREADS; i++)
		if (!EXPECT_EQ(w[i].errors, 0u))
			DIAG("  thread %u: %u errors, first 0x%x (%s)", i,
			     w[i].errors, w[i].first_error,
			     mach_error_string(w[i].first_error));
}

TEST_TIMEOUT(threads_allocate_destroy, 240)
{
	struct worker w[NTHREADS];
	struct name_list l;
	unsigned int i, j, total = 0;

	run_workers(w, alloc_destroy_worker, 3000, MACH_PORT_NULL);
	l = names_get();
	for (i = 0; i < NTHREADS; i++) {
		for (j = 0; j < w[i].nlive; j++) {
			int k = names_find(&l, w[i].live[j]);

			total++;
			if (EXPECT_GE(k, 0))
				EXPECT_EQ(l.types[k], w[i].live_type[j]);
		}
	}
	/* the names count is consistent: exactly what the threads hold */
	EXPECT_EQ(l.count, total + 1);
	for (i = 0; i < l.count; i++)
		for (j = 0; j < i; j++)
			EXPECT_NE(l.names[i], l.names[j]);
	names_free(&l);
	/* and everything can be released */
	for (i = 0; i < NTHREADS; i++)
		for (j = 0; j < w[i].nlive; j++)
			EXPECT_KR(mach_port_destroy(TASK, w[i].live[j]), KERN_SUCCESS);
	EXPECT_EQ(names_count(), 1u);
}

static void *dead_urefs_worker(void *arg)
{
	struct worker *w = arg;
	unsigned int i;
	kern_return_t kr;

	for (i = 0; i < w->iters; i++) {
		kr = mach_port_mod_refs(TASK, w->shared, MACH_PORT_RIGHT_DEAD_NAME, 2);
		if (kr)
			worker_err(w, kr);
		kr = mach_port_mod_refs(TASK, w->shared, MACH_PORT_RIGHT_DEAD_NAME, -1);
		if (kr)
			worker_err(w, kr);
		kr = mach_port_deallocate(TASK, w->shared);
		if (kr)
			worker_err(w, kr);
	}
	return NULL;
}

TEST_TIMEOUT(threads_dead_name_urefs, 240)
{
	struct worker w[NTHREADS];
	mach_port_name_t d = make_dead();

	run_workers(w, dead_urefs_worker, 2000, d);
	EXPECT_REFS(d, MACH_PORT_RIGHT_DEAD_NAME, 1);
	EXPECT_EQ(names_count(), 2u);
}

static void *make_send_worker(void *arg)
{
	struct worker *w = arg;
	unsigned int i;
	kern_return_t kr;

	for (i = 0; i < w->iters; i++) {
		kr = mach_port_insert_right(TASK, w->shared, w->shared,
					    MACH_MSG_TYPE_MAKE_SEND);
		if (kr)
			worker_err(w, kr);
	}
	return NULL;
}

static void *dealloc_send_worker(void *arg)
{
	struct worker *w = arg;
	unsigned int i;
	kern_return_t kr;

	for (i = 0; i < w->iters; i++) {
		kr = mach_port_deallocate(TASK, w->shared);
		if (kr)
			worker_err(w, kr);
	}
	return NULL;
}

TEST_TIMEOUT(threads_make_send, 240)
{
	struct worker w[NTHREADS];
	mach_port_name_t r = make_receive();
	mach_port_status_t st;

	run_workers(w, make_send_worker, 1500, r);
	EXPECT_REFS(r, MACH_PORT_RIGHT_SEND, NTHREADS * 1500);
	st = status_of(r);
	EXPECT_EQ(st.mps_mscount, NTHREADS * 1500u);
	EXPECT_EQ(st.mps_srights, 1u);
	run_workers(w, dealloc_send_worker, 1500, r);
	EXPECT_TYPE(r, MACH_PORT_TYPE_RECEIVE);
	st = status_of(r);
	EXPECT_EQ(st.mps_srights, 0u);
	EXPECT_EQ(st.mps_mscount, NTHREADS * 1500u);
}

static void *send_once_worker(void *arg)
{
	struct worker *w = arg;
	unsigned int i;
	kern_return_t kr;

	for (i = 0; i < w->iters; i++) {
		/* a private range of names per thread */
		mach_port_name_t n = NAME_MAKE(0x8000 + w->id * 0x1000 + i % 64, 0x03);

		kr = mach_port_insert_right(TASK, n, w->shared,
					    MACH_MSG_TYPE_MAKE_SEND_ONCE);
		if (kr) {
			worker_err(w, kr);
			continue;
		}
		kr = mach_port_deallocate(TASK, n);
		if (kr)
			worker_err(w, kr);
	}
	return NULL;
}

TEST_TIMEOUT(threads_send_once, 240)
{
	struct worker w[NTHREADS];
	mach_port_name_t r = make_receive();

	run_workers(w, send_once_worker, 1000, r);
	EXPECT_EQ(sorights_held(r), 0u);
	EXPECT_EQ(names_count(), 2u);
}

static void *race_limit_worker(void *arg)
{
	struct worker *w = arg;

	for (;;) {
		mach_port_name_t n;
		kern_return_t kr = mach_port_allocate(TASK, MACH_PORT_RIGHT_DEAD_NAME, &n);

		if (kr == KERN_NO_SPACE)
			break;
		if (kr) {
			worker_err(w, kr);
			break;
		}
		w->nlive++;
	}
	return NULL;
}

TEST_TIMEOUT(threads_race_to_the_limit, 120)
{
	struct worker w[NTHREADS];
	unsigned int round, i, total;

	ASSERT_KR(machport_set_space_limit(TASK, 64), KERN_SUCCESS);
	for (round = 0; round < 20; round++) {
		struct name_list l;

		run_workers(w, race_limit_worker, 0, MACH_PORT_NULL);
		for (i = 0, total = 0; i < NTHREADS; i++)
			total += w[i].nlive;
		if (!EXPECT_EQ(total, 64u))
			DIAG("  round %u", round);
		l = names_get();
		EXPECT_EQ(l.count, 65u);
		for (i = 0; i < l.count; i++)
			if (l.names[i] != mach_task_self())
				ASSERT_KR(mach_port_destroy(TASK, l.names[i]),
					  KERN_SUCCESS);
		names_free(&l);
	}
}

struct race {
	pthread_barrier_t start, done;
	mach_port_name_t names[8];
	unsigned int wins[8];	/* updated with __atomic */
	unsigned int rounds;
	unsigned int other_errors;
	kern_return_t first_other;
};

static void *destroy_race_worker(void *arg)
{
	struct race *rc = arg;
	unsigned int round, i;

	for (round = 0; round < rc->rounds; round++) {
		pthread_barrier_wait(&rc->start);
		for (i = 0; i < 8; i++) {
			kern_return_t kr = mach_port_destroy(TASK, rc->names[i]);

			if (kr == KERN_SUCCESS)
				__atomic_add_fetch(&rc->wins[i], 1, __ATOMIC_RELAXED);
			else if (kr != KERN_INVALID_NAME &&
				 !__atomic_fetch_add(&rc->other_errors, 1,
						     __ATOMIC_RELAXED))
				rc->first_other = kr;
		}
		pthread_barrier_wait(&rc->done);
	}
	return NULL;
}

TEST_TIMEOUT(threads_destroy_same_names, 240)
{
	/* each name is destroyed exactly once however many threads try */
	static struct race rc;
	pthread_t th[NTHREADS];
	unsigned int round, i;

	memset(&rc, 0, sizeof(rc));
	rc.rounds = 300;
	pthread_barrier_init(&rc.start, NULL, NTHREADS + 1);
	pthread_barrier_init(&rc.done, NULL, NTHREADS + 1);
	for (i = 0; i < NTHREADS; i++)
		ASSERT_EQ(pthread_create(&th[i], NULL, destroy_race_worker, &rc), 0);
	for (round = 0; round < rc.rounds; round++) {
		for (i = 0; i < 8; i++) {
			rc.names[i] = i % 2 ? make_dead() : make_receive();
			if (i % 4 == 0)
				make_send(rc.names[i]);
			rc.wins[i] = 0;
		}
		pthread_barrier_wait(&rc.start);
		pthread_barrier_wait(&rc.done);
		for (i = 0; i < 8; i++)
			if (!EXPECT_EQ(rc.wins[i], 1u))
				DIAG("  round %u name 0x%x", round, rc.names[i]);
		if (mpt_failures)
			break;
	}
	if (mpt_failures) {
		/* let the threads run out their rounds, then report */
		for (round++; round < rc.rounds; round++) {
			pthread_barrier_wait(&rc.start);
			pthread_barrier_wait(&rc.done);
		}
	}
	for (i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	if (!EXPECT_EQ(rc.other_errors, 0u))
		DIAG("  first unexpected code 0x%x", rc.first_other);
	EXPECT_EQ(names_count(), 1u);
}

/* ---- many processes ------------------------------------------------------- */

static volatile int busy_stop;

static void *busy_worker(void *arg)
{
	struct worker *w = arg;

	while (!__atomic_load_n(&busy_stop, __ATOMIC_RELAXED)) {
		mach_port_name_t n;
		kern_return_t kr = mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &n);

		if (kr) {
			worker_err(w, kr);
			continue;
		}
		kr = mach_port_insert_right(TASK, n, n, MACH_MSG_TYPE_MAKE_SEND);
		if (kr)
			worker_err(w, kr);
		kr = mach_port_destroy(TASK, n);
		if (kr)
			worker_err(w, kr);
		w->iters++;
	}
	return NULL;
}

TEST_TIMEOUT(fork_while_threads_busy, 240)
{
	/* a child forked mid-call still starts with a fresh, working space */
	struct worker w[2];
	mach_port_name_t mine = make_pset();
	unsigned int i;

	memset(w, 0, sizeof(w));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(pthread_create(&w[i].th, NULL, busy_worker, &w[i]), 0);
	for (i = 0; i < 16; i++) {
		int status;
		pid_t pid;

		fflush(stdout);
		pid = fork();
		ASSERT_GE(pid, 0);
		if (pid == 0) {
			mach_port_name_t n;
			struct name_list l;

			l = names_get();
			if (l.count != 1 || l.names[0] != mach_task_self())
				_exit(2);
			if (mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &n) ||
			    mach_port_insert_right(TASK, n, n, MACH_MSG_TYPE_MAKE_SEND))
				_exit(3);
			_exit(names_count() == 2 ? 0 : 4);
		}
		ASSERT_EQ(waitpid(pid, &status, 0), pid);
		if (!EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			DIAG("  child %u: status 0x%x", i, status);
	}
	__atomic_store_n(&busy_stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < 2; i++) {
		pthread_join(w[i].th, NULL);
		if (!EXPECT_EQ(w[i].errors, 0u))
			DIAG("  thread %u: first error 0x%x", i, w[i].first_error);
		EXPECT_GE(w[i].iters, 1u);
	}
	EXPECT_EQ(names_count(), 2u);
	EXPECT_TYPE(mine, MACH_PORT_TYPE_PORT_SET);
}

TEST_TIMEOUT(fork_many, 240)
{
	mach_port_name_t r = make_receive();
	unsigned int i;

	make_send(r);
	for (i = 0; i < 24; i++) {
		int status;
		pid_t pid;

		fflush(stdout);
		pid = fork();
		ASSERT_GE(pid, 0);
		if (pid == 0) {
			unsigned int j;

			/* leave plenty behind: process exit must clean up */
			for (j = 0; j < 40; j++) {
				mach_port_name_t n;

				if (mach_port_allocate(TASK, MACH_PORT_RIGHT_RECEIVE, &n) ||
				    mach_port_insert_right(TASK, n, n,
							   MACH_MSG_TYPE_MAKE_SEND))
					_exit(2);
			}
			_exit(names_count() == 41 ? 0 : 3);
		}
		ASSERT_EQ(waitpid(pid, &status, 0), pid);
		if (!EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			DIAG("  child %u: status 0x%x", i, status);
	}
	EXPECT_EQ(names_count(), 2u);
	EXPECT_TYPE(r, MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT_EQ(status_of(r).mps_mscount, 1u);
}
