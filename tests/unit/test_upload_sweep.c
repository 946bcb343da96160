/* test_upload_sweep.c: images a card stops using are kept for the mails
 * already sent, then removed; images in use never are; uploads no card
 * ever took are removed after a day. A real Berkeley DB environment and
 * real files in a temporary directory. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "card.h"
#include "check.h"
#include "db.h"
#include "rec.h"
#include "upload_sweep.h"

static char home[] = "/tmp/callcard-sweep-XXXXXX";
static char uploads[600];

#define NAME(c) c c c c c c c c c c c c c c c c c c c c c c ".png"
static const char *const logo1 = NAME("a"), *const logo2 = NAME("b"), *const photo = NAME("c"),
		  *const stray = NAME("d"), *const fresh = NAME("e");
static const time_t day = 86400;

static void touch(const char *name, time_t mtime)
{
	char path[700];
	snprintf(path, sizeof path, "%s/%s", uploads, name);
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
	struct utimbuf t = {mtime, mtime};
	utime(path, &t);
}

static int exists(const char *name)
{
	char path[700];
	snprintf(path, sizeof path, "%s/%s", uploads, name);
	return access(path, F_OK) == 0;
}

static void rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[700];
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			if (unlink(path) != 0)
				rm_tree(path);
		}
	if (d)
		closedir(d);
	rmdir(dir);
}

struct save {
	uint64_t id;
	struct rec *card;
	int del;
};

static int save_txn(DB_TXN *txn, void *arg)
{
	struct save *s = arg;
	if (s->del)
		return card_delete(txn, 7, s->id);
	return card_save(txn, 7, &s->id, s->card);
}

static int sweep(time_t now, struct upload_sweep_result *r)
{
	char err[256] = "";
	int rc = upload_sweep(uploads, now, 30, r, err, sizeof err);
	if (rc != 0)
		printf("# %s\n", err);
	return rc;
}

int main(void)
{
	char err[256];
	if (!mkdtemp(home) || db_open(home, err, sizeof err) != 0) {
		printf("not ok - set-up: %s\n", err);
		return 1;
	}
	snprintf(uploads, sizeof uploads, "%s/uploads", home);
	mkdir(uploads, 0700);
	time_t now = time(NULL);

	struct rec card;
	rec_init(&card);
	rec_set(&card, "name", "Kim");
	rec_set(&card, "office", "+82212345678");
	rec_set(&card, "logo", logo1);
	rec_set(&card, "image1", photo);
	struct save s = {0, &card, 0};
	CHECK(db_txn_run(save_txn, &s) == 0, "a card with a logo and a photo is saved");
	touch(logo1, now - 40 * day);
	touch(photo, now - 40 * day);
	touch(stray, now - 2 * day);
	touch(fresh, now - 60);

	struct upload_sweep_result r;
	CHECK(sweep(now, &r) == 0 && r.removed == 1 && r.in_use == 2 && r.kept == 1,
	      "first sweep: the stray upload goes, the fresh one and the card's images stay");
	CHECK(!exists(stray) && exists(fresh) && exists(logo1) && exists(photo),
	      "the right files are on disk after the first sweep");

	rec_set(&card, "logo", logo2);
	touch(logo2, now);
	CHECK(db_txn_run(save_txn, &s) == 0, "the logo is replaced");
	CHECK(sweep(now + 29 * day, &r) == 0 && exists(logo1) && !exists(fresh),
	      "a replaced logo stays while mails sent with it may be read (29 days); "
	      "the upload no card took is gone");
	CHECK(sweep(now + 30 * day + 1, &r) == 0 && !exists(logo1) && exists(logo2) && exists(photo),
	      "30 days after it was replaced the old logo is removed, the new one stays");

	s.del = 1;
	CHECK(db_txn_run(save_txn, &s) == 0, "the card is deleted");
	CHECK(sweep(now + 29 * day, &r) == 0 && exists(logo2) && exists(photo) && r.removed == 0,
	      "a deleted card's images stay for the keep period");
	CHECK(sweep(now + 30 * day + 1, &r) == 0 && !exists(logo2) && !exists(photo) &&
		      r.removed == 2 && r.in_use == 0,
	      "after it they are removed");

	char missing[700];
	snprintf(missing, sizeof missing, "%s/none", home);
	CHECK(upload_sweep(missing, now, 30, &r, err, sizeof err) == 0 && r.removed == 0,
	      "no uploads directory at all is not an error");
	rec_free(&card);
	db_close();
	rm_tree(home);
	return check_done();
}
