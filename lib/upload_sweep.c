/* upload_sweep.c: marks of dropped images and the nightly sweep. */
#include "upload_sweep.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "image.h"
#include "log.h"
#include "rec.h"

static const char *const image_fields[] = {"logo", "bgimage", "image1", "image2"};
#define N_IMAGE_FIELDS (sizeof image_fields / sizeof image_fields[0])
#define DROPPED_PREFIX "upload:dropped:"
#define UNUSED_GRACE_SECONDS 86400

static int rec_uses(const struct rec *card, const char *name)
{
	for (size_t i = 0; card && i < N_IMAGE_FIELDS; i++) {
		const char *v = rec_get(card, image_fields[i]);
		if (v && !strcmp(v, name))
			return 1;
	}
	return 0;
}

int upload_mark_dropped(DB_TXN *txn, const struct rec *old, const struct rec *next, time_t now)
{
	for (size_t i = 0; i < N_IMAGE_FIELDS; i++) {
		const char *name = rec_get(old, image_fields[i]);
		if (!name || !image_name_valid(name) || rec_uses(next, name))
			continue;
		char key[64], when[24];
		int klen = snprintf(key, sizeof key, DROPPED_PREFIX "%s", name);
		int vlen = snprintf(when, sizeof when, "%lld", (long long)now);
		int rc = db_put(TBL_GENERIC, txn, key, (size_t)klen, when, (size_t)vlen, 0);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* The names every card uses, sorted for bsearch. */
struct name_set {
	char (*names)[IMAGE_NAME_LEN];
	size_t n, cap;
	int failed;
};

static int collect_card(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)key;
	(void)klen;
	struct name_set *s = arg;
	struct rec c;
	if (rec_decode(&c, val, vlen) != 0)
		return 0;
	for (size_t i = 0; i < N_IMAGE_FIELDS; i++) {
		const char *v = rec_get(&c, image_fields[i]);
		if (!v || !image_name_valid(v))
			continue;
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 256;
			void *p = realloc(s->names, cap * sizeof *s->names);
			if (!p) {
				s->failed = 1;
				rec_free(&c);
				return 1;
			}
			s->names = p;
			s->cap = cap;
		}
		snprintf(s->names[s->n++], IMAGE_NAME_LEN, "%s", v);
	}
	rec_free(&c);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The walk may restart on a lock conflict (db.h): a set only grows, and a
 * name seen twice is harmless, so there is nothing to reset. */
static int used_names(struct name_set *s)
{
	int rc = db_each_prefix(TBL_CARDS, NULL, "", 0, collect_card, s);
	if (rc != 0 || s->failed)
		return rc ? rc : ENOMEM;
	if (s->n)
		qsort(s->names, s->n, sizeof *s->names, name_cmp);
	return 0;
}

/* When name was dropped: 0 and *when, DB_NOTFOUND, or an error. */
static int dropped_at(const char *name, time_t *when)
{
	char key[64];
	void *val = NULL;
	size_t vlen = 0;
	int klen = snprintf(key, sizeof key, DROPPED_PREFIX "%s", name);
	int rc = db_get(TBL_GENERIC, NULL, key, (size_t)klen, &val, &vlen, 0);
	if (rc != 0)
		return rc;
	char text[24];
	snprintf(text, sizeof text, "%.*s", (int)(vlen < sizeof text ? vlen : sizeof text - 1),
		 (const char *)val);
	free(val);
	*when = (time_t)strtoll(text, NULL, 10);
	return 0;
}

static void forget_mark(const char *name)
{
	char key[64];
	int klen = snprintf(key, sizeof key, DROPPED_PREFIX "%s", name);
	int rc = db_del(TBL_GENERIC, NULL, key, (size_t)klen);
	if (rc != 0 && rc != DB_NOTFOUND)
		log_error("upload sweep: clearing the mark of %s: %s", name, db_errstr(rc));
}

int upload_sweep(const char *dir, time_t now, int keep_days, struct upload_sweep_result *out,
		 char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	struct name_set used = {0};
	int rc = used_names(&used);
	if (rc != 0) {
		snprintf(err, errlen, "reading the cards: %s", db_errstr(rc));
		free(used.names);
		return -1;
	}
	DIR *d = opendir(dir);
	if (!d) {
		free(used.names);
		if (errno == ENOENT)
			return 0; /* nothing was ever uploaded */
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!image_name_valid(e->d_name))
			continue;
		time_t dropped = 0;
		int mark = dropped_at(e->d_name, &dropped);
		if (used.n && bsearch(e->d_name, used.names, used.n, sizeof *used.names, name_cmp)) {
			out->in_use++;
			if (mark == 0)
				forget_mark(e->d_name);
			continue;
		}
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		int expired = mark == 0 ? now - dropped >= (time_t)keep_days * 86400
					: mark == DB_NOTFOUND && now - st.st_mtime >= UNUSED_GRACE_SECONDS;
		if (!expired) {
			out->kept++;
			continue;
		}
		if (unlinkat(dirfd(d), e->d_name, 0) != 0) {
			log_error("upload sweep: removing %s: %s", e->d_name, strerror(errno));
			out->kept++;
			continue;
		}
		if (mark == 0)
			forget_mark(e->d_name);
		out->removed++;
	}
	closedir(d);
	free(used.names);
	return 0;
}
