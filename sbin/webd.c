/* webd.c: runs the FastCGI programs as pools of prefork workers.
 *
 *   webd [-w workers] NAME=PROGRAM ... [+NAME=PROGRAM[,ARG...] ...]
 *
 * For each NAME it binds Paths.Run/NAME.sock and starts the workers of
 * PROGRAM with that listening socket as their fd 0 (the FastCGI
 * convention). A +NAME is a daemon (sbin/mailq, sbin/dialerd): one
 * process, no socket, supervised the same way, since every process
 * attached to the database must be watched by whoever runs failchk. A worker that dies is reaped, the database's failchk
 * releases whatever locks it held (so the others never hang on them), and
 * a new worker takes its place. Should failchk say the environment needs
 * recovery (a process died inside the library), every worker is stopped,
 * the environment reopened, which recovers it since no one else uses it
 * then, and all are started again (webd re-executes itself, keeping its
 * listening sockets). SIGTERM/SIGINT stop everything:
 * workers finish the request in hand. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "log.h"

#define MAX_POOLS 16
#define MAX_WORKERS 64

struct pool {
	char name[64];
	char program[1024];
	char socket_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int listen_fd;  /* -1 for a daemon */
	int nworkers;
	pid_t workers[MAX_WORKERS];
	time_t started[MAX_WORKERS];
};

static struct pool pools[MAX_POOLS];
static int npools, nworkers;

/* The listening socket a previous image of webd handed over for name
 * (WEBD_LISTEN_<name>=fd, see restart_with_recovery), or -1. */
static int inherited_socket(const char *name)
{
	char var[96];
	snprintf(var, sizeof var, "WEBD_LISTEN_%s", name);
	const char *v = getenv(var);
	int fd = v ? atoi(v) : -1;
	unsetenv(var);
	if (fd < 3 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -1;
	return fd;
}

static int bind_socket(struct pool *p)
{
	p->listen_fd = inherited_socket(p->name);
	if (p->listen_fd >= 0)
		return 0;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	if (strlen(p->socket_path) >= sizeof sa.sun_path) {
		log_error("socket path too long: %s", p->socket_path);
		return -1;
	}
	strcpy(sa.sun_path, p->socket_path);
	unlink(p->socket_path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 256) < 0) {
		log_error("cannot listen on %s: %s", p->socket_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	/* nginx's workers must connect; they run as the user in its config. */
	chmod(p->socket_path, 0660);
	p->listen_fd = fd;
	return 0;
}

static pid_t start_worker(struct pool *p)
{
	pid_t pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (p->listen_fd >= 0 && dup2(p->listen_fd, 0) < 0)
			_exit(127);
		for (int i = 0; i < npools; i++)
			if (pools[i].listen_fd >= 0)
				close(pools[i].listen_fd);
		/* A daemon's arguments follow its program, separated by commas. */
		char *args[16] = {p->program};
		int n = 1;
		for (char *c = strchr(p->program, ','); c && n < 15; c = strchr(c + 1, ',')) {
			*c = '\0';
			args[n++] = c + 1;
		}
		args[n] = NULL;
		execv(p->program, args);
		log_error("cannot run %s: %s", p->program, strerror(errno));
		_exit(127);
	}
	return pid;
}

static void start_all(void)
{
	for (int i = 0; i < npools; i++)
		for (int w = 0; w < pools[i].nworkers; w++) {
			pools[i].workers[w] = start_worker(&pools[i]);
			pools[i].started[w] = time(NULL);
		}
}

/* Sends sig to every worker and waits up to grace seconds for them. */
static void stop_all(int sig, int grace)
{
	for (int i = 0; i < npools; i++)
		for (int w = 0; w < pools[i].nworkers; w++)
			if (pools[i].workers[w] > 0)
				kill(pools[i].workers[w], sig);
	time_t until = time(NULL) + grace;
	int left;
	do {
		left = 0;
		for (int i = 0; i < npools; i++)
			for (int w = 0; w < pools[i].nworkers; w++) {
				pid_t pid = pools[i].workers[w];
				if (pid <= 0)
					continue;
				pid_t got = waitpid(pid, NULL, WNOHANG);
				if (got == pid || (got < 0 && errno == ECHILD))
					pools[i].workers[w] = 0;
				else
					left++;
			}
		if (left)
			usleep(20000);
	} while (left && time(NULL) < until);
	if (left && sig != SIGKILL)
		stop_all(SIGKILL, 5);
}

static int find_worker(pid_t pid, int *pi, int *wi)
{
	for (int i = 0; i < npools; i++)
		for (int w = 0; w < pools[i].nworkers; w++)
			if (pools[i].workers[w] == pid) {
				*pi = i;
				*wi = w;
				return 1;
			}
	return 0;
}

/* A process died inside the database library: its mutexes stay held, so
 * even closing our handles could wait forever. Stop every worker, then
 * start afresh as a new image (exec drops our mappings of the
 * environment); the new webd finds no one attached and recovers.
 *
 * This also runs from the SIGALRM handler when failchk itself is stuck
 * (below), so it only makes async-signal-safe calls: the environment of
 * the new image, with the listening sockets to keep, is built in advance
 * (prepare_restart). */
static char **self_argv, **restart_envp;

static void restart_now(void)
{
	for (int i = 0; i < npools; i++)
		for (int w = 0; w < pools[i].nworkers; w++)
			if (pools[i].workers[w] > 0)
				kill(pools[i].workers[w], SIGKILL);
	/* Dead and reaped, they no longer map the environment, so the new
	 * image is its only user and recovers it. */
	for (int i = 0; i < npools; i++)
		for (int w = 0; w < pools[i].nworkers; w++)
			if (pools[i].workers[w] > 0)
				while (waitpid(pools[i].workers[w], NULL, 0) < 0 && errno == EINTR)
					;
	/* The listening sockets stay open across the exec: requests arriving
	 * meanwhile wait in their backlog instead of being refused. */
	for (int i = 0; i < npools; i++)
		if (pools[i].listen_fd >= 0)
			fcntl(pools[i].listen_fd, F_SETFD, 0);
	execve("/proc/self/exe", self_argv, restart_envp);
	static const char msg[] = "webd: cannot restart itself\n";
	ssize_t ignored = write(2, msg, sizeof msg - 1);
	(void)ignored;
	_exit(75);
}

static void restart_with_recovery(void)
{
	log_warn("database needs recovery: stopping every worker and restarting");
	restart_now();
}

/* Our environment plus WEBD_LISTEN_<name>=fd for each listening socket. */
static void prepare_restart(void)
{
	extern char **environ;
	size_t n = 0;
	while (environ[n])
		n++;
	restart_envp = calloc(n + (size_t)npools + 1, sizeof *restart_envp);
	if (!restart_envp)
		log_fatal("out of memory");
	memcpy(restart_envp, environ, n * sizeof *restart_envp);
	for (int i = 0; i < npools; i++) {
		if (pools[i].listen_fd < 0)
			continue;
		if (asprintf(&restart_envp[n++], "WEBD_LISTEN_%.63s=%d", pools[i].name,
			     pools[i].listen_fd) < 0)
			log_fatal("out of memory");
	}
}

/* A failchk that takes longer than this is stuck on a dead process's
 * mutex (db_failchk): taken as DB_RUNRECOVERY. */
#define FAILCHK_LIMIT_SECONDS 10

static void failchk_stuck(int sig)
{
	(void)sig;
	static const char msg[] = "webd: failchk is stuck on a dead process's mutex; "
				  "restarting with recovery\n";
	ssize_t ignored = write(2, msg, sizeof msg - 1);
	(void)ignored;
	restart_now();
}

static void usage(void)
{
	fprintf(stderr, "usage: webd [-w workers] NAME=PROGRAM ... [+NAME=PROGRAM ...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char err[512], dbhome[4096], rundir[4096];
	log_init("webd");
	self_argv = argv;
	if (config_load(err, sizeof err) < 0)
		log_fatal("%s", err);
	nworkers = (int)config_int("Web.Workers");
	int opt;
	while ((opt = getopt(argc, argv, "w:")) != -1) {
		if (opt != 'w')
			usage();
		nworkers = atoi(optarg);
		if (nworkers < 1 || nworkers > MAX_WORKERS)
			log_fatal("-w must be 1..%d", MAX_WORKERS);
	}
	if (optind >= argc)
		usage();
	config_path("Paths.Run", rundir, sizeof rundir);
	config_path("Paths.DB", dbhome, sizeof dbhome);
	if (mkdir(rundir, 0750) < 0 && errno != EEXIST)
		log_fatal("cannot create %s: %s", rundir, strerror(errno));

	/* Open (and if needed recover) the environment before any worker. */
	if (db_open(dbhome, err, sizeof err) < 0)
		log_fatal("%s", err);

	for (int i = optind; i < argc && npools < MAX_POOLS; i++) {
		struct pool *p = &pools[npools];
		const char *arg = argv[i];
		int daemon = arg[0] == '+';
		arg += daemon;
		const char *eq = strchr(arg, '=');
		if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof p->name)
			usage();
		snprintf(p->name, sizeof p->name, "%.*s", (int)(eq - arg), arg);
		snprintf(p->program, sizeof p->program, "%s", eq + 1);
		char exe[sizeof p->program];
		snprintf(exe, sizeof exe, "%.*s", (int)strcspn(p->program, ","), p->program);
		if (access(exe, X_OK) < 0)
			log_fatal("%s: %s", exe, strerror(errno));
		p->nworkers = daemon ? 1 : nworkers;
		p->listen_fd = -1;
		if (daemon) {
			npools++;
			continue;
		}
		char path[sizeof rundir + 80];
		int n = snprintf(path, sizeof path, "%s/%s.sock", rundir, p->name);
		if (n < 0 || (size_t)n >= sizeof p->socket_path)
			log_fatal("socket path too long: %s", path);
		memcpy(p->socket_path, path, (size_t)n + 1);
		if (bind_socket(p) < 0)
			return 1;
		npools++;
	}

	prepare_restart();

	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	start_all();
	log_info("started %d program(s), %d worker(s) per FastCGI pool, in %s", npools, nworkers,
		 rundir);

	time_t last_checkpoint = time(NULL);
	for (;;) {
		struct timespec tick = {.tv_sec = 1};
		int sig = sigtimedwait(&set, NULL, &tick);
		if (sig == SIGTERM || sig == SIGINT) {
			log_info("stopping");
			break;
		}
		pid_t pid;
		int status, need_recovery = 0;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			int pi, wi;
			if (!find_worker(pid, &pi, &wi))
				continue;
			if (WIFSIGNALED(status))
				log_warn("%s worker %d killed by signal %d", pools[pi].name, (int)pid,
					 WTERMSIG(status));
			else
				log_warn("%s worker %d exited with %d", pools[pi].name, (int)pid,
					 WEXITSTATUS(status));
			/* The child is reaped, so failchk sees it dead (and its pid,
			 * free for reuse, is forgotten before a restart could
			 * kill it). */
			pools[pi].workers[wi] = 0;
			int rc = db_failchk(FAILCHK_LIMIT_SECONDS, failchk_stuck);
			if (rc == DB_RUNRECOVERY) {
				need_recovery = 1;
				continue;
			}
			if (rc != 0)
				log_error("failchk: %s", db_errstr(rc));
			/* A worker that dies at once (bad config) is not restarted in a
			 * tight loop. */
			if (time(NULL) - pools[pi].started[wi] < 1)
				sleep(1);
			pools[pi].workers[wi] = start_worker(&pools[pi]);
			pools[pi].started[wi] = time(NULL);
		}
		/* Also frees what programs outside our care (the nightly billing
		 * run, callcard-admin) held when they died. */
		if (!need_recovery &&
		    db_failchk(FAILCHK_LIMIT_SECONDS, failchk_stuck) == DB_RUNRECOVERY)
			need_recovery = 1;
		if (need_recovery)
			restart_with_recovery();
		if (time(NULL) - last_checkpoint >= 60) {
			db_checkpoint();
			last_checkpoint = time(NULL);
		}
	}
	stop_all(SIGTERM, 10);
	for (int i = 0; i < npools; i++) {
		if (pools[i].listen_fd < 0)
			continue;
		close(pools[i].listen_fd);
		unlink(pools[i].socket_path);
	}
	db_close();
	config_free();
	return 0;
}
