/* request.h: one HTTP request as FastCGI hands it to us, parsed strictly.
 *
 * Query strings, url-encoded and multipart bodies are parsed here with size
 * limits; malformed input is an error with a message, never half-parsed.
 * The struct also carries the per-request rendering data (hdf), the visitor's
 * session and the response headers being built. */
#ifndef CALLCARD_REQUEST_H
#define CALLCARD_REQUEST_H
#include <stddef.h>
#include <stdint.h>
#include <fcgiapp.h>

#include "rec.h"

typedef struct _hdf HDF;

struct param {
	char *name;
	char *value;     /* NUL-terminated; for files the bytes (len below) */
	size_t len;
	char *filename;  /* non-NULL for a file part */
	char *ctype;     /* content type a file part declared */
};

struct request {
	FCGX_Request *fcgi;
	const char *method;
	const char *path;         /* decoded path, without query */
	const char *query;
	const char *content_type;
	const char *remote_addr;
	long content_length;

	struct param *params;     /* query then body parameters */
	size_t nparams;

	/* Visitor state, filled by the app layer. */
	uint64_t member_id;       /* 0 when not logged in */
	struct rec member;
	char session_hash[65];
	char csrf_cookie[64];
	char csrf_token[96];

	HDF *hdf;                 /* data for the template */
	char *headers;            /* extra response header lines */
	size_t headers_len;
	int responded;
	int status;               /* status of the response sent */
};

/* Parse limits; body_limit applies to url-encoded bodies, upload_limit to
 * multipart ones. */
struct request_limits {
	long body_limit;
	long upload_limit;
	size_t max_params;
};

/* Reads the environment and body of f. Returns 0, or an HTTP status (400,
 * 411, 413, 415) with a human message in err. */
int request_parse(struct request *r, FCGX_Request *f, const struct request_limits *lim,
		  char *err, size_t errlen);
void request_free(struct request *r);

const char *req_env(const struct request *r, const char *name);
/* Last value of a parameter (text fields), or NULL. */
const char *req_param(const struct request *r, const char *name);
const struct param *req_file(const struct request *r, const char *name);
/* Value of a cookie, copied into buf; NULL when absent. */
const char *req_cookie(const struct request *r, const char *name, char *buf, size_t buflen);
int req_is_post(const struct request *r);

/* Exposed for unit tests: decode application/x-www-form-urlencoded text
 * into r->params. 0 or -1 with err. */
int parse_urlencoded(struct request *r, const char *s, size_t len, size_t max_params,
		     char *err, size_t errlen);
int parse_multipart(struct request *r, const char *ctype, const char *body, size_t len,
		    size_t max_params, char *err, size_t errlen);
/* Strict %XX decoding; -1 on a bad escape or NUL. out needs len+1. */
long url_decode(const char *in, size_t len, char *out, int plus_is_space);

#endif
