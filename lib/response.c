/* response.c: writes responses with the headers every page carries. */
#include "response.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "render.h"

const char *status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

void resp_header(struct request *r, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n")) {
		log_warn("dropped a header with a line break: %s", name);
		return;
	}
	size_t add = strlen(name) + strlen(value) + 4;
	r->headers = realloc(r->headers, r->headers_len + add + 1);
	if (!r->headers)
		abort();
	r->headers_len += (size_t)sprintf(r->headers + r->headers_len, "%s: %s\r\n", name, value);
}

void resp_cookie(struct request *r, const char *name, const char *value, long max_age)
{
	char buf[512];
	int n = snprintf(buf, sizeof buf, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name, value,
			 config_int("Web.SecureCookies") ? "; Secure" : "");
	if (max_age >= 0 && n > 0 && (size_t)n < sizeof buf)
		snprintf(buf + n, sizeof buf - (size_t)n, "; Max-Age=%ld", max_age);
	resp_header(r, "Set-Cookie", buf);
}

static void send_head(struct request *r, int status, const char *ctype, size_t len)
{
	/* Formatted here: FCGX_FPrintF knows only a subset of printf. */
	char head[1024];
	int n = snprintf(head, sizeof head,
			 "Status: %d %s\r\n"
			 "Content-Type: %s\r\n"
			 "Content-Length: %zu\r\n"
			 "X-Content-Type-Options: nosniff\r\n"
			 "Referrer-Policy: same-origin\r\n"
			 "X-Frame-Options: DENY\r\n"
			 "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
			 "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
			 "form-action 'self'\r\n",
			 status, status_text(status), ctype, len);
	if (n > 0 && (size_t)n < sizeof head)
		FCGX_PutStr(head, n, r->fcgi->out);
	if (r->headers)
		FCGX_PutStr(r->headers, (int)r->headers_len, r->fcgi->out);
	FCGX_PutS("\r\n", r->fcgi->out);
	r->responded = 1;
	r->status = status;
}

void resp_body(struct request *r, int status, const char *ctype, const void *body, size_t len)
{
	send_head(r, status, ctype, len);
	if (len && strcmp(r->method, "HEAD") != 0)
		FCGX_PutStr(body, (int)len, r->fcgi->out);
}

void resp_page(struct request *r, int status, const char *tmpl)
{
	size_t len;
	char *html = render_template(r->hdf, tmpl, &len);
	if (!html) {
		if (strcmp(tmpl, "error.cs") != 0) {
			resp_error(r, 500, "The page could not be shown.");
			return;
		}
		static const char fallback[] = "<!doctype html><title>Error</title><p>Internal error.";
		resp_body(r, 500, "text/html; charset=utf-8", fallback, sizeof fallback - 1);
		return;
	}
	if (!strstr(r->headers ? r->headers : "", "Cache-Control"))
		resp_header(r, "Cache-Control", "no-store");
	resp_body(r, status, "text/html; charset=utf-8", html, len);
	free(html);
}

void resp_redirect(struct request *r, const char *path)
{
	if (path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/"; /* never redirect off-site */
	resp_header(r, "Location", path);
	resp_body(r, 303, "text/plain; charset=utf-8", "", 0);
}

void resp_error(struct request *r, int status, const char *message)
{
	hdf_set_int(r->hdf, "Error.Status", status);
	hdf_set(r->hdf, "Error.Title", status_text(status));
	hdf_set(r->hdf, "Error.Message", message);
	hdf_set(r->hdf, "Page.Title", status_text(status));
	resp_page(r, status, "error.cs");
}
