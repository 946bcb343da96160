/* app.h: the FastCGI worker loop every cgi-bin program runs.
 *
 * A program declares its pages in a route table and calls app_main(). The
 * loop accepts on fd 0 (the listening socket sbin/webd, spawn-fcgi or any
 * FastCGI process manager hands over), parses each request strictly, loads
 * the session, checks the CSRF token of every POST, and calls the page's
 * handler. One request at a time per process: ClearSilver keeps globals. */
#ifndef CALLCARD_APP_H
#define CALLCARD_APP_H
#include "request.h"

enum route_flags {
	ROUTE_PREFIX = 1,     /* path matches as a prefix */
	ROUTE_LOGIN = 2,      /* members only: others go to /login */
	/* No CSRF check before the handler: a POST that carries no form
	 * (RFC 8058 one-click), or one whose handler checks the token itself
	 * (the admin pages, after the operator check, so others see 404). */
	ROUTE_NO_CSRF = 4,
	ROUTE_GET_POST = 8,   /* accepts POST as well as GET */
	ROUTE_POST_ONLY = 16, /* accepts only POST */
};

typedef int (*page_fn)(struct request *r);

struct route {
	const char *path;
	int flags;
	page_fn handler;
};

/* Runs the worker loop; returns the process exit status. setup (may be
 * NULL) runs once after the database is open. */
int app_main(const char *progname, const struct route *routes, int (*setup)(void));

/* The CSRF token forms of this request must carry (also in CSRF.Token). */
const char *app_csrf_token(const struct request *r);
/* Redirect target after login: only local paths. */
const char *app_safe_next(const char *next);

#endif
