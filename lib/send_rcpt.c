/* send_rcpt.c: the recipients' field of the sending form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "send.h"

void send_rcpts_free(struct send_rcpts *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->addr[i]);
	free(l->addr);
	l->addr = NULL;
	l->n = 0;
}

static int seen(const struct send_rcpts *l, const char *a)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->addr[i], a))
			return 1;
	return 0;
}

/* A part of the input quoted in a message, trimmed and cut to a
 * readable length. */
static void quote(const char *s, size_t n, char *out, size_t outlen)
{
	while (n && strchr(" \t\r\n", *s)) {
		s++;
		n--;
	}
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	if (n > 60)
		n = 60;
	snprintf(out, outlen, "%.*s", (int)n, s);
}

int send_rcpts_parse(const char *in, long max, struct send_rcpts *out, char *why, size_t whylen)
{
	out->n = 0;
	out->addr = NULL;
	const char *p = in ? in : "";
	while (*p) {
		size_t n = strcspn(p, ",");
		char part[300], addr[256], msg[100], q[64];
		quote(p, n, q, sizeof q);
		if (n >= sizeof part) {
			snprintf(why, whylen, "\"%s...\" is not a valid e-mail address", q);
			goto bad;
		}
		memcpy(part, p, n);
		part[n] = '\0';
		p += n + (p[n] == ',');
		if (strspn(part, " \t\r\n") == n)
			continue; /* "a@x, , b@y" or a trailing comma */
		if (check_email(part, addr, sizeof addr, msg, sizeof msg) < 0) {
			snprintf(why, whylen, "\"%s\" %s", q, msg);
			goto bad;
		}
		if (seen(out, addr)) {
			snprintf(why, whylen, "%s is in the list twice", addr);
			goto bad;
		}
		if ((long)out->n >= max) {
			snprintf(why, whylen, "A card goes to at most %ld recipients at a time", max);
			goto bad;
		}
		out->addr = realloc(out->addr, (out->n + 1) * sizeof *out->addr);
		if (!out->addr || !(out->addr[out->n] = strdup(addr)))
			abort();
		out->n++;
	}
	if (out->n == 0) {
		snprintf(why, whylen, "Enter at least one e-mail address");
		return -1;
	}
	return 0;
bad:
	send_rcpts_free(out);
	return -1;
}
