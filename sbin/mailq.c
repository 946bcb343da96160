/* mailq.c: drains the mail queue through msmtp.
 *
 *   mailq [-1]     (-1: deliver what is due, then exit)
 *
 * Each due entry is marked "sending" in the database and its message put
 * in spool/<id>.msg, then a delivery process (this program again, exec'd
 * with --deliver so that it holds no mapping of the database) runs msmtp
 * (argv, no shell; the message on its stdin) and writes msmtp's outcome
 * durably to spool/<id>.out. The queue runner records that
 * outcome in the database and removes the file. Because the delivery
 * process outlives a killed runner and leaves its outcome behind, a
 * restarted runner finishes those entries instead of sending them again:
 * a message goes out at most once, and a message that did not go out is
 * tried again (temporary failures back off; permanent ones are recorded).
 * SIGTERM: stop taking new entries, wait for deliveries in flight. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "mailq.h"

#define MAX_PARALLEL 32

static char spool[4096], msmtprc[4200];
static volatile sig_atomic_t stopping;
static long retry_base, max_attempts;

struct flight {
	pid_t pid;
	uint64_t id;
};
static struct flight flights[MAX_PARALLEL];
static int parallel;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static void spool_path(char *buf, size_t len, uint64_t id, const char *ext)
{
	snprintf(buf, len, "%s/%llu.%s", spool, (unsigned long long)id, ext);
}

/* msmtp's settings from the configuration, in a file only we can read. */
static void write_msmtprc(void)
{
	char tmp[4300];
	snprintf(tmp, sizeof tmp, "%s.tmp", msmtprc);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		log_fatal("cannot write %s: %s", tmp, strerror(errno));
	FILE *f = fdopen(fd, "w");
	fprintf(f, "defaults\ntimeout 30\n");
	fprintf(f, "account default\nhost %s\nport %ld\nfrom %s\n", config_str("Mail.SMTPHost"),
		config_int("Mail.SMTPPort"), config_str("Mail.From"));
	fprintf(f, "tls %s\n", config_int("Mail.SMTPTLS") ? "on\ntls_starttls on" : "off");
	if (*config_str("Mail.SMTPUser"))
		fprintf(f, "auth on\nuser %s\npassword %s\n", config_str("Mail.SMTPUser"),
			config_str("Mail.SMTPPassword"));
	else
		fprintf(f, "auth off\n");
	fclose(f);
	if (rename(tmp, msmtprc) < 0)
		log_fatal("cannot write %s: %s", msmtprc, strerror(errno));
}

/* Writes text to path durably: temp file, fsync, rename. */
static void write_durably(const char *path, const char *text)
{
	char tmp[4300];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return;
	ssize_t n = write(fd, text, strlen(text));
	(void)n;
	fsync(fd);
	close(fd);
	rename(tmp, path);
	int dfd = open(spool, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
}

/* The delivery process: run msmtp and leave its outcome in <id>.out as
 * "<exit status> <first line msmtp printed>". */
static void deliver(uint64_t id, const char *to, const char *message)
{
	char path[4300];
	int in[2], err[2];
	if (pipe(in) < 0 || pipe(err) < 0)
		_exit(1);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(err[1], 2);
		dup2(err[1], 1);
		close(in[1]);
		close(err[0]);
		execlp("msmtp", "msmtp", "-C", msmtprc, "--", to, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(err[1]);
	size_t len = strlen(message), off = 0;
	signal(SIGPIPE, SIG_IGN);
	while (off < len) {
		ssize_t w = write(in[1], message + off, len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(in[1]);
	char said[512] = "";
	ssize_t r = read(err[0], said, sizeof said - 1);
	said[r > 0 ? r : 0] = '\0';
	close(err[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	char *nl = strchr(said, '\n');
	if (nl)
		*nl = '\0';
	char out[600];
	snprintf(out, sizeof out, "%d %s", code, said);
	spool_path(path, sizeof path, id, "out");
	write_durably(path, out);
	_exit(0);
}

/* mailq --deliver ID TO: deliver spool/<ID>.msg. */
static int deliver_spooled(uint64_t id, const char *to)
{
	char path[4300];
	spool_path(path, sizeof path, id, "msg");
	FILE *f = fopen(path, "r");
	if (!f)
		return 1; /* no outcome file: the runner tries again */
	char *message = NULL;
	size_t cap = 0;
	ssize_t n = getdelim(&message, &cap, '\0', f);
	fclose(f);
	if (n < 0) {
		free(message);
		return 1;
	}
	deliver(id, to, message); /* does not return */
	return 0;
}

struct claim {
	uint64_t id;
	char *to, *message;
	int ok;
};

static int claim_txn(DB_TXN *txn, void *arg)
{
	struct claim *c = arg;
	unsigned char key[8];
	db_key_u64(c->id, key);
	struct rec e;
	c->ok = 0;
	int rc = db_get_rec(TBL_MAILQ, txn, key, sizeof key, &e, DB_RMW);
	if (rc != 0)
		return rc;
	if (strcmp(rec_get(&e, "state"), "queued") == 0) {
		rec_set(&e, "state", "sending");
		rec_set_int(&e, "attempts", rec_get_int(&e, "attempts", 0) + 1);
		rc = db_put_rec(TBL_MAILQ, txn, key, sizeof key, &e, 0);
		if (rc == 0) {
			free(c->to);
			free(c->message);
			c->to = strdup(rec_get(&e, "to"));
			c->message = strdup(rec_get(&e, "message"));
			c->ok = 1;
		}
	}
	rec_free(&e);
	return rc;
}

static void start_delivery(uint64_t id)
{
	struct claim c = {.id = id};
	if (db_txn_run(claim_txn, &c) != 0 || !c.ok) {
		free(c.to);
		free(c.message);
		return;
	}
	char msgpath[4300], idtext[32];
	spool_path(msgpath, sizeof msgpath, id, "msg");
	snprintf(idtext, sizeof idtext, "%llu", (unsigned long long)id);
	FILE *mf = fopen(msgpath, "w");
	int written = mf && fputs(c.message, mf) >= 0;
	if (mf && fclose(mf) != 0)
		written = 0;
	pid_t pid = written ? fork() : -1;
	if (pid == 0) {
		/* Its own session: a signal to the runner's group spares it. A
		 * new image: a forked copy would keep the database mapped, and
		 * recovery must not run while any process maps it. */
		setsid();
		execl("/proc/self/exe", "mailq", "--deliver", idtext, c.to, (char *)NULL);
		_exit(127);
	}
	free(c.to);
	free(c.message);
	if (pid < 0) {
		log_error("mail %llu: fork: %s", (unsigned long long)id, strerror(errno));
		return;
	}
	char path[4300], text[32];
	spool_path(path, sizeof path, id, "pid");
	snprintf(text, sizeof text, "%d", (int)pid);
	write_durably(path, text);
	for (int i = 0; i < parallel; i++)
		if (!flights[i].pid) {
			flights[i] = (struct flight){pid, id};
			break;
		}
}

struct finish {
	uint64_t id;
	enum mailq_outcome outcome;
	const char *reason;
	long next_try;
};

static int finish_txn(DB_TXN *txn, void *arg)
{
	struct finish *f = arg;
	return mailq_finish(txn, f->id, f->outcome, f->reason, f->next_try);
}

static long attempts_of(uint64_t id)
{
	unsigned char key[8];
	db_key_u64(id, key);
	struct rec e;
	if (db_get_rec(TBL_MAILQ, NULL, key, sizeof key, &e, 0) != 0)
		return 0;
	long n = (long)rec_get_int(&e, "attempts", 0);
	rec_free(&e);
	return n;
}

/* Records what <id>.out says (or, with no file, that nothing was sent). */
static void apply_outcome(uint64_t id)
{
	char path[4300], text[600] = "";
	spool_path(path, sizeof path, id, "out");
	FILE *f = fopen(path, "r");
	if (f) {
		if (!fgets(text, sizeof text, f))
			text[0] = '\0';
		fclose(f);
	}
	struct finish fin = {.id = id};
	int code = f ? atoi(text) : -1;
	const char *said = strchr(text, ' ');
	said = said ? said + 1 : "";
	long attempts = attempts_of(id);
	if (code == 0) {
		fin.outcome = MAILQ_SENT;
	} else if (code == 64 || code == 65 || code == 67 || code == 68 || code == 77 ||
		   strstr(said, "smtp server: 5") || strstr(said, "status: 5")) {
		/* Usage, data or address errors and 5xx replies: trying again
		 * cannot help. */
		fin.outcome = MAILQ_FAILED;
		fin.reason = *said ? said : "refused by the mail server";
	} else if (attempts >= max_attempts) {
		fin.outcome = MAILQ_FAILED;
		fin.reason = *said ? said : "the mail server could not be reached";
	} else {
		fin.outcome = MAILQ_RETRY;
		fin.reason = f ? (*said ? said : "temporary failure") : "delivery interrupted";
		long delay = retry_base << (attempts < 12 ? attempts - 1 : 11);
		fin.next_try = (long)time(NULL) + (delay > 3600 ? 3600 : delay);
		if (!f && fin.next_try > time(NULL))
			fin.next_try = (long)time(NULL); /* never reached msmtp: no wait */
	}
	int rc = db_txn_run(finish_txn, &fin);
	if (rc != 0) {
		log_error("mail %llu: cannot record outcome: %s", (unsigned long long)id, db_errstr(rc));
		return; /* the file stays; the next start applies it */
	}
	log_info("mail %llu: %s%s%s", (unsigned long long)id,
		 fin.outcome == MAILQ_SENT ? "sent" : fin.outcome == MAILQ_FAILED ? "failed" : "will retry",
		 fin.reason ? ": " : "", fin.reason ? fin.reason : "");
	unlink(path);
	spool_path(path, sizeof path, id, "pid");
	unlink(path);
	spool_path(path, sizeof path, id, "msg");
	unlink(path);
}

struct due {
	uint64_t ids[MAX_PARALLEL * 4];
	int n, max;
	long now;
	int sending_seen;
	uint64_t sending[256];
	int nsending;
};

static int collect_due(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct due *d = arg;
	if (klen != 8)
		return 0;
	struct rec e;
	if (rec_decode(&e, val, vlen) != 0)
		return 0;
	const char *state = rec_get(&e, "state");
	if (!strcmp(state, "queued") && rec_get_int(&e, "next_try", 0) <= d->now && d->n < d->max)
		d->ids[d->n++] = db_u64_key(key);
	else if (!strcmp(state, "sending") && d->nsending < 256)
		d->sending[d->nsending++] = db_u64_key(key);
	rec_free(&e);
	return 0;
}

static int in_flight(uint64_t id)
{
	for (int i = 0; i < parallel; i++)
		if (flights[i].pid && flights[i].id == id)
			return 1;
	return 0;
}

/* Entries left "sending" by an earlier runner: wait for a delivery
 * process still at work, otherwise take its outcome (or its absence). */
static void adopt_orphans(const struct due *d)
{
	for (int i = 0; i < d->nsending; i++) {
		uint64_t id = d->sending[i];
		if (in_flight(id))
			continue;
		char path[4300], text[32] = "";
		spool_path(path, sizeof path, id, "pid");
		FILE *f = fopen(path, "r");
		if (f) {
			if (!fgets(text, sizeof text, f))
				text[0] = '\0';
			fclose(f);
		}
		pid_t pid = atoi(text);
		spool_path(path, sizeof path, id, "out");
		if (access(path, F_OK) != 0 && pid > 0 && kill(pid, 0) == 0)
			continue; /* still delivering */
		apply_outcome(id);
	}
}

static int free_slots(void)
{
	int n = 0;
	for (int i = 0; i < parallel; i++)
		n += !flights[i].pid;
	return n;
}

static void reap(void)
{
	pid_t pid;
	int status;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (int i = 0; i < parallel; i++)
			if (flights[i].pid == pid) {
				apply_outcome(flights[i].id);
				flights[i].pid = 0;
			}
}

int main(int argc, char **argv)
{
	char err[512], dbhome[4096], run[2048];
	int once = argc > 1 && !strcmp(argv[1], "-1");
	log_init("mailq");
	if (config_load(err, sizeof err) < 0)
		log_fatal("%s", err);
	int delivering = argc == 4 && !strcmp(argv[1], "--deliver");
	parallel = (int)config_int("Mail.Parallel");
	retry_base = config_int("Mail.RetrySeconds");
	max_attempts = config_int("Mail.MaxAttempts");
	config_path("Paths.Run", run, sizeof run);
	snprintf(spool, sizeof spool, "%s/mail-spool", run);
	snprintf(msmtprc, sizeof msmtprc, "%s/msmtprc", run);
	if (delivering)
		return deliver_spooled(strtoull(argv[2], NULL, 10), argv[3]);
	mkdir(run, 0750);
	if (mkdir(spool, 0700) < 0 && errno != EEXIST)
		log_fatal("cannot create %s: %s", spool, strerror(errno));
	write_msmtprc();
	if (db_open(config_path("Paths.DB", dbhome, sizeof dbhome), err, sizeof err) < 0)
		log_fatal("%s", err);
	struct sigaction sa = {.sa_handler = on_term};
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	log_info("draining the queue through %s:%ld, %d at a time", config_str("Mail.SMTPHost"),
		 config_int("Mail.SMTPPort"), parallel);

	for (;;) {
		reap();
		struct due d = {.max = free_slots(), .now = (long)time(NULL)};
		if (stopping)
			d.max = 0;
		int rc = db_each_prefix(TBL_MAILQ, NULL, "", 0, collect_due, &d);
		if (rc != 0) {
			log_error("reading the queue: %s", db_errstr(rc));
			if (rc == DB_RUNRECOVERY)
				return 1; /* the supervisor restarts us with recovery */
		}
		adopt_orphans(&d);
		for (int i = 0; i < d.n; i++)
			start_delivery(d.ids[i]);
		int busy = parallel - free_slots();
		if ((stopping || (once && d.n == 0)) && busy == 0 && d.nsending == 0)
			break;
		if (d.n == 0)
			usleep(busy ? 20000 : 200000);
	}
	db_close();
	config_free();
	return 0;
}
