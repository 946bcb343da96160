/* request.c: strict parsing of FastCGI requests.
 *
 * Hand-written rather than ClearSilver's cgi_parse(): that parser keeps its
 * state in globals, silently accepts malformed %-escapes and truncated
 * multipart bodies, and spools uploads to temp files. We need every
 * malformed input refused with a message and a hard cap on sizes before a
 * byte is read. */
#include "request.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort();
	return p;
}

const char *req_env(const struct request *r, const char *name)
{
	const char *v = FCGX_GetParam(name, r->fcgi->envp);
	return v ? v : "";
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long url_decode(const char *in, size_t len, char *out, int plus_is_space)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)in[i];
		if (c == '%') {
			if (i + 2 >= len)
				return -1;
			int h = hexval((unsigned char)in[i + 1]), l = hexval((unsigned char)in[i + 2]);
			if (h < 0 || l < 0)
				return -1;
			c = h * 16 + l;
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == 0)
			return -1;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return (long)o;
}

static void add_param(struct request *r, char *name, char *value, size_t len, char *filename,
		      char *ctype)
{
	r->params = xrealloc(r->params, (r->nparams + 1) * sizeof *r->params);
	r->params[r->nparams++] = (struct param){name, value, len, filename, ctype};
}

int parse_urlencoded(struct request *r, const char *s, size_t len, size_t max_params,
		     char *err, size_t errlen)
{
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && s[end] != '&')
			end++;
		if (end > i) {
			const char *eq = memchr(s + i, '=', end - i);
			size_t nlen = eq ? (size_t)(eq - (s + i)) : end - i;
			size_t vlen = eq ? end - (size_t)(eq - s) - 1 : 0;
			char *name = malloc(nlen + 1), *value = malloc(vlen + 1);
			if (!name || !value)
				abort();
			long nl = url_decode(s + i, nlen, name, 1);
			long vl = eq ? url_decode(eq + 1, vlen, value, 1) : (value[0] = 0, 0);
			if (nl <= 0 || vl < 0) {
				free(name);
				free(value);
				snprintf(err, errlen, "The form data is malformed (bad %%-encoding).");
				return -1;
			}
			if (r->nparams >= max_params) {
				free(name);
				free(value);
				snprintf(err, errlen, "Too many form fields.");
				return -1;
			}
			add_param(r, name, value, (size_t)vl, NULL, NULL);
		}
		i = end + 1;
	}
	return 0;
}

/* Finds needle in hay (binary safe). */
static const char *memmem_c(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	return memmem(hay, hlen, needle, nlen);
}

/* Extracts a quoted or bare parameter like name="x" from a header value. */
static char *header_param(const char *hdr, size_t hlen, const char *key)
{
	size_t klen = strlen(key);
	for (size_t i = 0; i + klen + 1 < hlen; i++) {
		if ((i == 0 || hdr[i - 1] == ' ' || hdr[i - 1] == ';') &&
		    strncasecmp(hdr + i, key, klen) == 0 && hdr[i + klen] == '=') {
			const char *v = hdr + i + klen + 1, *end = hdr + hlen;
			const char *stop;
			if (v < end && *v == '"') {
				v++;
				stop = memchr(v, '"', (size_t)(end - v));
				if (!stop)
					return NULL;
			} else {
				stop = v;
				while (stop < end && *stop != ';' && *stop != ' ')
					stop++;
			}
			return strndup(v, (size_t)(stop - v));
		}
	}
	return NULL;
}

int parse_multipart(struct request *r, const char *ctype, const char *body, size_t len,
		    size_t max_params, char *err, size_t errlen)
{
	char *boundary = header_param(ctype, strlen(ctype), "boundary");
	if (!boundary || !*boundary || strlen(boundary) > 70) {
		free(boundary);
		snprintf(err, errlen, "The upload is malformed (no boundary).");
		return -1;
	}
	char delim[80];
	int dlen = snprintf(delim, sizeof delim, "--%s", boundary);
	free(boundary);

	/* The body starts with the first delimiter line. */
	if (len < (size_t)dlen + 2 || memcmp(body, delim, (size_t)dlen) != 0)
		goto bad;
	const char *p = body + dlen, *end = body + len;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			goto bad;
		p += 2;
		const char *hend = memmem_c(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			goto bad;
		char *name = NULL, *filename = NULL, *pctype = NULL;
		const char *line = p;
		while (line < hend) {
			const char *eol = memmem_c(line, (size_t)(hend - line) + 2, "\r\n", 2);
			if (!eol)
				eol = hend;
			size_t ll = (size_t)(eol - line);
			if (ll > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				free(name);
				free(filename);
				name = header_param(line, ll, "name");
				filename = header_param(line, ll, "filename");
			} else if (ll > 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
				const char *v = line + 13;
				while (*v == ' ' && v < eol)
					v++;
				free(pctype);
				pctype = strndup(v, (size_t)(eol - v));
			}
			line = eol + 2;
		}
		const char *data = hend + 4;
		char dl[84];
		int dll = snprintf(dl, sizeof dl, "\r\n%s", delim);
		const char *next = memmem_c(data, (size_t)(end - data), dl, (size_t)dll);
		if (!next || !name || !*name || r->nparams >= max_params) {
			free(name);
			free(filename);
			free(pctype);
			if (next && name && r->nparams >= max_params) {
				snprintf(err, errlen, "Too many form fields.");
				return -1;
			}
			goto bad;
		}
		size_t vlen = (size_t)(next - data);
		if (!filename && memchr(data, '\0', vlen)) {
			free(name);
			free(pctype);
			goto bad;
		}
		char *value = malloc(vlen + 1);
		if (!value)
			abort();
		memcpy(value, data, vlen);
		value[vlen] = '\0';
		add_param(r, name, value, vlen, filename, pctype);
		p = next + dll;
	}
bad:
	snprintf(err, errlen, "The upload is malformed or was cut short.");
	return -1;
}

int request_parse(struct request *r, FCGX_Request *f, const struct request_limits *lim,
		  char *err, size_t errlen)
{
	r->fcgi = f;
	r->method = req_env(r, "REQUEST_METHOD");
	r->query = req_env(r, "QUERY_STRING");
	r->content_type = req_env(r, "CONTENT_TYPE");
	r->remote_addr = req_env(r, "REMOTE_ADDR");
	/* DOCUMENT_URI is nginx's decoded, normalised path. */
	r->path = req_env(r, "DOCUMENT_URI");
	if (!*r->path)
		r->path = req_env(r, "SCRIPT_NAME");
	if (!*r->path)
		r->path = "/";

	if (*r->query && parse_urlencoded(r, r->query, strlen(r->query), lim->max_params, err,
					  errlen) < 0)
		return 400;
	if (strcmp(r->method, "POST") != 0)
		return 0;

	const char *cl = req_env(r, "CONTENT_LENGTH");
	char *endp;
	errno = 0;
	long n = strtol(cl, &endp, 10);
	if (!*cl || *endp || errno || n < 0) {
		snprintf(err, errlen, "The request has no valid length.");
		return 411;
	}
	int multipart = strncasecmp(r->content_type, "multipart/form-data", 19) == 0;
	int urlenc = strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) == 0;
	if (!multipart && !urlenc && n > 0) {
		snprintf(err, errlen, "This kind of form data is not accepted.");
		return 415;
	}
	/* Refuse an oversized body before reading any of it. */
	long limit = multipart ? lim->upload_limit : lim->body_limit;
	if (n > limit) {
		snprintf(err, errlen, "The form is too large (over %ld KB).", limit / 1024);
		return 413;
	}
	r->content_length = n;
	char *body = malloc((size_t)n + 1);
	if (!body)
		abort();
	long got = 0;
	while (got < n) {
		int k = FCGX_GetStr(body + got, (int)(n - got), f->in);
		if (k <= 0)
			break;
		got += k;
	}
	body[got] = '\0';
	int rc = 0;
	if (got != n) {
		snprintf(err, errlen, "The form data was cut short.");
		rc = 400;
	} else if (multipart) {
		rc = parse_multipart(r, r->content_type, body, (size_t)n, lim->max_params, err,
				     errlen) < 0 ? 400 : 0;
	} else if (n > 0) {
		rc = parse_urlencoded(r, body, (size_t)n, lim->max_params, err, errlen) < 0 ? 400 : 0;
	}
	free(body);
	return rc;
}

void request_free(struct request *r)
{
	for (size_t i = 0; i < r->nparams; i++) {
		free(r->params[i].name);
		free(r->params[i].value);
		free(r->params[i].filename);
		free(r->params[i].ctype);
	}
	free(r->params);
	free(r->headers);
	rec_free(&r->member);
	r->params = NULL;
	r->nparams = 0;
	r->headers = NULL;
}

const char *req_param(const struct request *r, const char *name)
{
	for (size_t i = r->nparams; i-- > 0;)
		if (!r->params[i].filename && strcmp(r->params[i].name, name) == 0)
			return r->params[i].value;
	return NULL;
}

const struct param *req_file(const struct request *r, const char *name)
{
	for (size_t i = r->nparams; i-- > 0;)
		if (r->params[i].filename && strcmp(r->params[i].name, name) == 0)
			return &r->params[i];
	return NULL;
}

const char *req_cookie(const struct request *r, const char *name, char *buf, size_t buflen)
{
	const char *h = req_env(r, "HTTP_COOKIE");
	size_t nlen = strlen(name);
	while (*h) {
		while (*h == ' ' || *h == ';')
			h++;
		const char *end = strchr(h, ';');
		if (!end)
			end = h + strlen(h);
		if ((size_t)(end - h) > nlen && strncmp(h, name, nlen) == 0 && h[nlen] == '=') {
			size_t vlen = (size_t)(end - h) - nlen - 1;
			if (vlen >= buflen)
				return NULL;
			memcpy(buf, h + nlen + 1, vlen);
			buf[vlen] = '\0';
			return buf;
		}
		h = end;
	}
	return NULL;
}

int req_is_post(const struct request *r)
{
	return strcmp(r->method, "POST") == 0;
}
