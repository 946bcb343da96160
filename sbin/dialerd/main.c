/* main.c: dialerd — takes call orders on a Unix socket and places them
 * with sofia-sip: rings the owner, waits for *, rings the recipient and
 * joins the two. One su_root event loop runs everything. */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "control.h"
#include "db.h"
#include "dialer.h"
#include "leg.h"
#include "log.h"
#include "media.h"
#include "order.h"
#include "recover.h"

static void set_session_timers(struct dialer *d);

static struct gateway *probe_gateway(struct dialer *d, nua_handle_t *nh)
{
	for (int i = 0; i < d->gk.n; i++)
		if (d->gk.gw[i].probe == nh)
			return &d->gk.gw[i];
	return NULL;
}

static void on_nua(nua_event_t event, int status, char const *phrase, nua_t *nua,
		   struct dialer *d, nua_handle_t *nh, void *hmagic, sip_t const *sip,
		   tagi_t tags[])
{
	(void)nua;
	if (event == nua_r_shutdown) {
		if (status >= 200)
			su_root_break(d->root);
		return;
	}
	if (hmagic) {
		leg_event(d, hmagic, event, status, phrase, nh, sip, tags);
		return;
	}
	if (event == nua_r_options) {
		struct gateway *g = probe_gateway(d, nh);
		if (g && status >= 200) {
			gk_probe_result(&d->gk, g, status);
			nua_handle_destroy(nh);
			g->probe = NULL;
		}
		return;
	}
	if (event == nua_i_invite) {
		/* Nobody calls the dialer: it only places calls. */
		nua_respond(nh, SIP_403_FORBIDDEN, TAG_END());
		nua_handle_destroy(nh);
	}
	/* Anything else (stray OPTIONS, MESSAGE, ...) nua has answered itself. */
}

static void send_probes(struct dialer *d)
{
	for (int i = 0; i < d->gk.n; i++) {
		struct gateway *g = &d->gk.gw[i];
		if (g->probe || !g->conf.probe)
			continue;
		char uri[128];
		snprintf(uri, sizeof uri, "sip:%s:%d", g->conf.host, g->conf.port);
		g->probe = nua_handle(d->nua, NULL, NUTAG_URL(uri), SIPTAG_TO_STR(uri), TAG_END());
		if (g->probe)
			nua_options(g->probe, TAG_END());
	}
}

static void begin_shutdown(struct dialer *d)
{
	if (d->shutting_down)
		return;
	d->shutting_down = 1;
	log_info("shutting down");
	for (int i = 0; i < d->gk.n; i++)
		if (d->gk.gw[i].probe) {
			nua_handle_destroy(d->gk.gw[i].probe);
			d->gk.gw[i].probe = NULL;
		}
	nua_shutdown(d->nua);
}

static void on_housekeeping(struct dialer *d, su_timer_t *t, void *arg)
{
	static int64_t last_probe, last_checkpoint, last_media;
	(void)t;
	(void)arg;
	order_reap(d);
	int64_t now = now_ms();
	if (now - last_media >= 1000) {
		last_media = now;
		order_check_media(d);
	}
	if (now - last_checkpoint >= 60000) {
		last_checkpoint = now;
		db_checkpoint(); /* writes only past its own size/time thresholds */
	}
	if (!last_probe)
		last_probe = now; /* first probes one interval after start */
	if (!d->draining && now - last_probe >= d->set.probe_interval_ms) {
		last_probe = now;
		send_probes(d);
	}
	if (d->draining && d->norders > 0 && now >= d->drain_deadline) {
		log_warn("drain limit reached, ending %d order(s)", d->norders);
		order_hangup_all(d, "cancelled");
		d->drain_deadline = now + 5000; /* again later if legs hang */
	}
	if (d->draining && d->norders == 0)
		begin_shutdown(d);
}

static void reload(struct dialer *d)
{
	char err[512];
	struct settings s;
	if (config_load(err, sizeof err) < 0 || settings_read(&s, err, sizeof err) < 0) {
		log_error("reload refused: %s", err);
		return;
	}
	/* Gateways, prompts and timers change; addresses and sockets stay. */
	snprintf(s.socket_path, sizeof s.socket_path, "%s", d->set.socket_path);
	snprintf(s.sip_addr, sizeof s.sip_addr, "%s", d->set.sip_addr);
	s.sip_port = d->set.sip_port;
	struct tones t;
	if (tones_load(&t, s.prompts_dir) < 0) {
		log_error("reload refused: no prompts under %s", s.prompts_dir);
		tones_free(&t);
		return;
	}
	/* Legs in progress point at the old tones: keep those until restart
	 * when calls are up, swap otherwise. */
	if (d->norders == 0) {
		tones_free(&d->tones);
		d->tones = t;
	} else {
		tones_free(&t);
	}
	/* Gateways keep their index so legs' channel counts stay valid. */
	int keep = s.ngateways == d->gk.n;
	for (int i = 0; keep && i < s.ngateways; i++)
		keep = !strcmp(s.gateways[i].name, d->gk.gw[i].conf.name);
	d->set = s;
	set_session_timers(d);
	if (keep || d->norders == 0)
		gk_configure(&d->gk, &d->set);
	else
		log_warn("reload: gateway list changed with calls up; applied after they end");
	log_info("configuration reloaded: %d gateway(s)", d->gk.n);
}

static int on_signal(struct dialer *d, su_wait_t *w, void *arg)
{
	int fd = *(int *)arg;
	struct signalfd_siginfo si;
	(void)w;
	while (read(fd, &si, sizeof si) == sizeof si) {
		if (si.ssi_signo == SIGHUP) {
			reload(d);
		} else if (!d->draining) {
			log_info("signal %u: draining %d order(s)", si.ssi_signo, d->norders);
			d->draining = 1;
			d->drain_deadline = now_ms() + (int64_t)d->set.drain_seconds * 1000;
		} else {
			d->drain_deadline = 0; /* a second signal: stop now */
		}
	}
	return 0;
}

/* RFC 4028 on every leg: we ask for Session-Expires and Min-SE and offer to
 * refresh (refresher=uac); nua refreshes at half the interval, or sends
 * BYE itself when the far end refreshes and stops doing so. */
static void set_session_timers(struct dialer *d)
{
	const struct settings *s = &d->set;
	nua_set_params(d->nua, NUTAG_SUPPORTED("timer, 100rel"),
		       NUTAG_SESSION_TIMER((unsigned)s->session_expires),
		       NUTAG_MIN_SE((unsigned)s->min_se),
		       NUTAG_SESSION_REFRESHER(s->session_expires ? nua_local_refresher :
								  nua_no_refresher),
		       NUTAG_UPDATE_REFRESH(s->session_refresh == SESSION_REFRESH_UPDATE),
		       TAG_END());
}

/* 1 when the SIP port can be bound. Checked before the SIP stack is made:
 * a stack that fails to bind cannot be freed cleanly. */
static int sip_port_free(const struct dialer *d)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)d->set.sip_port)};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ok = fd >= 0 && inet_pton(AF_INET, d->set.sip_addr, &sa.sin_addr) == 1 &&
		 bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static int start_sip(struct dialer *d)
{
	char url[128];
	snprintf(url, sizeof url, "sip:%s:%d", d->set.sip_addr, d->set.sip_port);
	/* Large socket buffers: a burst of answers must not be dropped while
	 * the loop writes to the database. */
	d->nua = nua_create(d->root, on_nua, d, NUTAG_URL(url), NUTAG_MEDIA_ENABLE(0),
			    TPTAG_UDP_RMEM(4 << 20), TPTAG_UDP_WMEM(1 << 20),
			    NUTAG_ALLOW("INFO"), NUTAG_USER_AGENT("callcard-dialerd/1"),
			    NUTAG_ENABLEMESSAGE(0), NTATAG_SIP_T1X64((unsigned)d->set.sip_timeout_ms),
			    /* 100 Trying too: its Via is what a CANCEL after a crash
			     * needs, and a trunk may send nothing else for seconds. */
			    NTATAG_PASS_100(1), TAG_END());
	if (!d->nua) {
		log_error("cannot listen for SIP on %s", url);
		return -1;
	}
	nua_set_params(d->nua, NUTAG_AUTOANSWER(0), TAG_END());
	set_session_timers(d);
	log_info("SIP on %s", url);
	return 0;
}

/* Everything main made besides the SIP stack, the control socket and the
 * media clock: the event loop, its signal watch, the prompts, the
 * database and the configuration. */
static void release_loop(struct dialer *d, su_home_t *home, su_wait_t *sigwait, int *sfd)
{
	su_root_unregister(d->root, sigwait, on_signal, sfd);
	su_wait_destroy(sigwait);
	su_root_destroy(d->root);
	su_home_unref(home);
	su_deinit();
	close(*sfd);
	tones_free(&d->tones);
	db_close();
	config_free();
}

int main(int argc, char **argv)
{
	static struct dialer dialer;
	struct dialer *d = &dialer;
	char err[512];
	(void)argc;
	(void)argv;
	log_init("dialerd");
	if (config_load(err, sizeof err) < 0 || settings_read(&d->set, err, sizeof err) < 0)
		log_fatal("configuration: %s", err);
	if (db_open(d->set.db_home, err, sizeof err) < 0)
		log_fatal("database %s: %s", d->set.db_home, err);
	if (tones_load(&d->tones, d->set.prompts_dir) < 0)
		log_warn("no prompts under %s: using beeps", d->set.prompts_dir);
	gk_configure(&d->gk, &d->set);

	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);

	su_init();
	su_home_t *home = su_home_new(sizeof(su_home_t));
	d->root = su_root_create(d);
	su_root_threading(d->root, 0);
	su_wait_t sigwait;
	if (sfd < 0 || su_wait_create(&sigwait, sfd, SU_WAIT_IN) < 0 ||
	    su_root_register(d->root, &sigwait, on_signal, &sfd, 0) < 0)
		log_fatal("cannot watch signals");
	int port_free = sip_port_free(d);
	if (!port_free)
		log_error("cannot listen for SIP on %s:%d: %s", d->set.sip_addr, d->set.sip_port,
			  strerror(errno));
	else
		recover_orphans(d); /* before SIP: CANCELs leave from the SIP port */
	if (!port_free || start_sip(d) < 0) {
		release_loop(d, home, &sigwait, &sfd); /* no SIP stack came up */
		return 1;
	}
	if (control_open(d) < 0 || media_start_clock(d) < 0)
		log_fatal("cannot start");
	su_timer_t *house = su_timer_create(su_root_task(d->root), 100);
	su_timer_set_for_ever(house, on_housekeeping, NULL);
	log_info("ready: orders on %s", d->set.socket_path);

	su_root_run(d->root);

	su_timer_destroy(house);
	control_close(d);
	media_stop_clock(d);
	order_reap(d);
	nua_destroy(d->nua);
	release_loop(d, home, &sigwait, &sfd);
	log_info("stopped");
	return 0;
}
