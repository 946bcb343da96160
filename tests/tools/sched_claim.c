/* sched_claim.c: test tool. Claims the earliest waiting scheduled call, as
 * sbin/callsched does just before placing one, and exits without placing
 * it: what a placer killed right after its claim leaves behind.
 *   sched_claim DBHOME     -> prints "claimed" or "none" */
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "sched.h"

int main(int argc, char **argv)
{
	char err[512];
	if (argc != 2) {
		fprintf(stderr, "usage: sched_claim DBHOME\n");
		return 2;
	}
	if (db_open(argv[1], err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	char hashes[1][SCHED_HASH_LEN];
	int n = 0, rc = sched_due(INT64_MAX / 2, hashes, 1, &n);
	if (rc == 0 && n == 1)
		rc = sched_claim(hashes[0], 0);
	puts(rc == 0 && n == 1 ? "claimed" : "none");
	db_close();
	return rc == 0 ? 0 : 1;
}
