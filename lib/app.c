/* app.c: the FastCGI worker loop, routing, sessions and CSRF per request. */
#include "app.h"

#include <ClearSilver.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "render.h"
#include "response.h"
#include "session.h"
#include "token.h"

#define CSRF_COOKIE "cc_csrf"

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t in_request;

/* SIGTERM: finish the request in hand, then leave. */
static void on_term(int sig)
{
	(void)sig;
	stop_requested = 1;
	if (!in_request)
		_exit(0);
}

const char *app_csrf_token(const struct request *r)
{
	return r->csrf_token;
}

const char *app_safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n"))
		return "/cards";
	return next;
}

/* Each visitor carries a random CSRF cookie; forms carry a MAC of it under
 * the service secret, which a cross-site page can neither read nor make. */
static void csrf_prepare(struct request *r)
{
	char cookie[TOKEN_LEN + 8];
	if (req_cookie(r, CSRF_COOKIE, cookie, sizeof cookie) && strlen(cookie) == TOKEN_LEN - 1) {
		snprintf(r->csrf_cookie, sizeof r->csrf_cookie, "%s", cookie);
	} else {
		token_new(r->csrf_cookie);
		resp_cookie(r, CSRF_COOKIE, r->csrf_cookie, -1);
	}
	char msg[sizeof r->csrf_cookie + 8];
	snprintf(msg, sizeof msg, "csrf:%s", r->csrf_cookie);
	token_mac(msg, r->csrf_token);
	hdf_set(r->hdf, "CSRF.Token", r->csrf_token);
}

static int csrf_valid(const struct request *r)
{
	const char *sent = req_param(r, "csrf");
	return sent && token_equal(sent, r->csrf_token);
}

static const struct route *find_route(const struct route *routes, const char *path)
{
	for (const struct route *rt = routes; rt->path; rt++) {
		if (rt->flags & ROUTE_PREFIX) {
			if (strncmp(path, rt->path, strlen(rt->path)) == 0)
				return rt;
		} else if (strcmp(path, rt->path) == 0) {
			return rt;
		}
	}
	return NULL;
}

static void handle(FCGX_Request *f, const struct route *routes, const struct request_limits *lim)
{
	struct request r;
	memset(&r, 0, sizeof r);
	rec_init(&r.member);
	char err[256] = "";
	r.hdf = render_new_hdf();
	if (!r.hdf) {
		FCGX_PutS("Status: 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\n"
			  "out of memory\n", f->out);
		return;
	}
	int status = request_parse(&r, f, lim, err, sizeof err);
	hdf_set(r.hdf, "Page.Path", r.path);
	csrf_prepare(&r);
	session_load(&r);
	if (r.member_id) {
		rec_to_hdf(&r.member, r.hdf, "Member");
		hdf_set(r.hdf, "Member.password", "");
		hdf_set_int(r.hdf, "Member.id", (long long)r.member_id);
	}
	const struct route *rt = status ? NULL : find_route(routes, r.path);
	int is_post = req_is_post(&r);
	int is_get = !strcmp(r.method, "GET") || !strcmp(r.method, "HEAD");

	if (status) {
		resp_error(&r, status, err);
	} else if (!rt) {
		resp_error(&r, 404, "There is no page at this address.");
	} else if ((rt->flags & ROUTE_POST_ONLY) ? !is_post
		   : (rt->flags & ROUTE_GET_POST) ? !(is_get || is_post)
						  : !is_get) {
		resp_header(&r, "Allow", (rt->flags & ROUTE_POST_ONLY) ? "POST"
					 : (rt->flags & ROUTE_GET_POST) ? "GET, HEAD, POST"
									: "GET, HEAD");
		resp_error(&r, 405, "This page does not accept that kind of request.");
	} else if (is_post && !(rt->flags & ROUTE_NO_CSRF) && !csrf_valid(&r)) {
		log_warn("csrf check failed on %s from %s", r.path, r.remote_addr);
		resp_error(&r, 403, "This form has expired or did not come from this site. "
				    "Go back, reload the page and try again.");
	} else if ((rt->flags & ROUTE_LOGIN) && !r.member_id) {
		char next[512];
		char *esc = NULL;
		NEOERR *nerr = cgi_url_escape(r.path, &esc);
		nerr_ignore(&nerr);
		snprintf(next, sizeof next, "/login?next=%s", esc ? esc : "");
		free(esc);
		resp_redirect(&r, next);
	} else {
		int rc = rt->handler(&r);
		if (!r.responded) {
			log_error("%s: handler returned %d without a response", r.path, rc);
			resp_error(&r, 500, "Something went wrong on our side. Nothing was changed; "
					    "please try again.");
		}
	}
	log_info("%s %s %d", r.method, r.path, r.status);
	hdf_destroy(&r.hdf);
	request_free(&r);
}

int app_main(const char *progname, const struct route *routes, int (*setup)(void))
{
	char err[512];
	log_init(progname);
	nerr_init();
	if (sodium_init() < 0)
		log_fatal("libsodium failed to initialise");
	if (config_load(err, sizeof err) < 0)
		log_fatal("%s", err);
	char dbhome[4096];
	if (db_open(config_path("Paths.DB", dbhome, sizeof dbhome), err, sizeof err) < 0)
		log_fatal("%s", err);
	if (token_secret_load() != 0)
		log_fatal("cannot load the service secret");
	if (setup && setup() != 0)
		log_fatal("setup failed");
	struct sigaction sa = {.sa_handler = on_term};
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct request_limits lim = {
		.body_limit = config_int("Web.MaxBody"),
		.upload_limit = config_int("Web.MaxUpload"),
		.max_params = 200,
	};
	if (FCGX_Init() != 0)
		log_fatal("FCGX_Init failed");
	FCGX_Request f;
	FCGX_InitRequest(&f, 0, 0);
	while (!stop_requested && FCGX_Accept_r(&f) >= 0) {
		in_request = 1;
		handle(&f, routes, &lim);
		FCGX_Finish_r(&f);
		in_request = 0;
	}
	db_close();
	config_free();
	return 0;
}
