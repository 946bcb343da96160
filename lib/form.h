/* form.h: every input field checked once, at the edge, by a declared rule.
 *
 * A page declares its fields as a table of struct field_rule; form_check()
 * runs each rule, puts the raw input back into Form.<name> and any message
 * into Errors.<name> of the page's HDF (so the page re-renders with the
 * user's input kept), and the normalised values into a record. */
#ifndef CALLCARD_FORM_H
#define CALLCARD_FORM_H
#include <stddef.h>

#include "rec.h"
#include "request.h"

/* A checker normalises in into out (outlen bytes) or writes a message to
 * why and returns -1. */
typedef int (*field_check_fn)(const char *in, char *out, size_t outlen, char *why,
			      size_t whylen);

struct field_rule {
	const char *name;
	const char *label;       /* used in messages: "<label> is required" */
	int required;
	size_t max_len;          /* in bytes, before normalisation */
	field_check_fn check;    /* NULL: plain one-line text */
	int keep_input;          /* 0 for passwords: never echoed back */
};

/* Returns the number of invalid fields (0 = all good). */
int form_check(struct request *r, const struct field_rule *rules, struct rec *out);
/* Adds an error for a field after checking (e.g. "already registered"). */
void form_error(struct request *r, const char *field, const char *message);

/* Checkers. */
int check_text_line(const char *in, char *out, size_t outlen, char *why, size_t whylen);
int check_text_block(const char *in, char *out, size_t outlen, char *why, size_t whylen);
int check_email(const char *in, char *out, size_t outlen, char *why, size_t whylen);
int check_password(const char *in, char *out, size_t outlen, char *why, size_t whylen);
int check_phone(const char *in, char *out, size_t outlen, char *why, size_t whylen);
/* 1 when s is valid UTF-8 with no control characters (tab/newlines only
 * when multiline). */
int utf8_clean(const char *s, int multiline);

#endif
