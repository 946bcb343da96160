/* response.h: status, headers and bodies written back through FastCGI. */
#ifndef CALLCARD_RESPONSE_H
#define CALLCARD_RESPONSE_H
#include <stddef.h>

#include "request.h"

/* Adds one header line ("Name: value"); values with CR/LF are dropped. */
void resp_header(struct request *r, const char *name, const char *value);
/* Set-Cookie with HttpOnly, SameSite=Lax, Path=/ (Secure when configured).
 * max_age < 0 leaves it a session cookie; 0 deletes it. */
void resp_cookie(struct request *r, const char *name, const char *value, long max_age);
/* Renders templates/<tmpl> with r->hdf. */
void resp_page(struct request *r, int status, const char *tmpl);
/* 303 to a local path (must start with "/"). */
void resp_redirect(struct request *r, const char *path);
/* Renders error.cs with a title and message for status. */
void resp_error(struct request *r, int status, const char *message);
void resp_body(struct request *r, int status, const char *ctype, const void *body, size_t len);
const char *status_text(int status);

#endif
