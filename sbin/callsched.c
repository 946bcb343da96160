/* callsched.c: places scheduled calls when they are due.
 *
 *   callsched [-1]     (-1: place what is due now, then exit)
 *
 * Runs under sbin/webd like the other daemons. Wakes every second,
 * claims each due call in a transaction of its own (lib/sched.h) and
 * places it through lib/call_place.c, as a press would be. Calls a killed
 * run had claimed but not finished are finished first, under the order id
 * they were given, which the dialer never takes twice. SIGTERM: finish the
 * call in hand and stop. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "sched.h"

#define BATCH 32

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Calls left claimed by a run that died. */
static void finish_leftovers(void)
{
	char hashes[BATCH][SCHED_HASH_LEN];
	int n = 0;
	if (sched_running(hashes, BATCH, &n) != 0)
		return;
	for (int i = 0; i < n && !stopping; i++) {
		log_warn("finishing a scheduled call claimed before a restart");
		sched_run(hashes[i]);
	}
}

/* Claims and places the calls due now; how many were due. */
static int place_due(void)
{
	char hashes[BATCH][SCHED_HASH_LEN];
	int n = 0;
	int rc = sched_due((int64_t)time(NULL), hashes, BATCH, &n);
	if (rc != 0) {
		log_error("reading the schedule: %s", db_errstr(rc));
		return 0;
	}
	for (int i = 0; i < n && !stopping; i++) {
		rc = sched_claim(hashes[i], (int64_t)time(NULL));
		if (rc == SCHED_NOT_WAITING)
			continue; /* cancelled just now */
		if (rc != 0) {
			log_error("claiming a scheduled call: %s", db_errstr(rc));
			continue;
		}
		sched_run(hashes[i]);
	}
	return n;
}

int main(int argc, char **argv)
{
	char err[512], dbhome[4096];
	int once = argc > 1 && !strcmp(argv[1], "-1");
	log_init("callsched");
	if (config_load(err, sizeof err) < 0)
		log_fatal("%s", err);
	if (db_open(config_path("Paths.DB", dbhome, sizeof dbhome), err, sizeof err) < 0)
		log_fatal("%s", err);
	struct sigaction sa = {.sa_handler = on_term};
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_info("placing scheduled calls");
	finish_leftovers();
	while (!stopping) {
		int n = place_due();
		if (once)
			break;
		/* A full batch: more may be due at once. */
		if (n < BATCH)
			sleep(1);
	}
	db_close();
	config_free();
	return 0;
}
