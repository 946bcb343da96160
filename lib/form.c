/* form.c: field rules, checkers and the errors they put on a page. */
#include "form.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "phone.h"
#include "render.h"

int utf8_clean(const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int extra;
		if (c < 0x80) {
			if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) ||
			    c == 0x7f)
				return 0;
			p++;
			continue;
		} else if ((c & 0xe0) == 0xc0 && c >= 0xc2) {
			extra = 1;
		} else if ((c & 0xf0) == 0xe0) {
			extra = 2;
		} else if ((c & 0xf8) == 0xf0 && c <= 0xf4) {
			extra = 3;
		} else {
			return 0;
		}
		unsigned cp = c & (0x3f >> extra);
		for (int i = 1; i <= extra; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((extra == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		p += extra + 1;
	}
	return 1;
}

/* Copies in without leading/trailing white space. */
static void trim_copy(const char *in, char *out, size_t outlen)
{
	while (*in == ' ' || *in == '\t')
		in++;
	size_t n = strlen(in);
	while (n && (in[n - 1] == ' ' || in[n - 1] == '\t' || in[n - 1] == '\r' || in[n - 1] == '\n'))
		n--;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, in, n);
	out[n] = '\0';
}

int check_text_line(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	if (!utf8_clean(in, 0)) {
		snprintf(why, whylen, "must be plain text on one line");
		return -1;
	}
	trim_copy(in, out, outlen);
	return 0;
}

int check_text_block(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	if (!utf8_clean(in, 1)) {
		snprintf(why, whylen, "must be plain text");
		return -1;
	}
	trim_copy(in, out, outlen);
	return 0;
}

int check_email(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	char e[256];
	trim_copy(in, e, sizeof e);
	const char *at = strrchr(e, '@');
	size_t len = strlen(e);
	int ok = at && at != e && len <= 254 && (size_t)(at - e) <= 64;
	/* A deliberately plain address: local part of atext and dots, a domain
	 * of labels with a dot. No quoting, comments or lists (they would reach
	 * msmtp as several recipients). */
	for (const char *p = e; ok && p < at; p++)
		ok = isalnum((unsigned char)*p) || strchr(".!#$%&'*+/=?^_`{|}~-", *p);
	if (ok && (e[0] == '.' || at[-1] == '.' || strstr(e, "..")))
		ok = 0;
	const char *d = at ? at + 1 : "";
	int dots = 0;
	for (const char *p = d; ok && *p; p++) {
		if (*p == '.') {
			dots++;
			ok = p != d && p[1] && p[1] != '.' && p[-1] != '-';
		} else {
			ok = isalnum((unsigned char)*p) || (*p == '-' && p != d);
		}
	}
	if (!ok || !dots) {
		snprintf(why, whylen, "is not a valid e-mail address");
		return -1;
	}
	snprintf(out, outlen, "%s", e);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return 0;
}

int check_password(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	static const char *const common[] = {
		"password", "passw0rd", "1234567890", "0123456789", "qwertyuiop",
		"1q2w3e4r5t", "iloveyou12", "abcdefghij", "letmein123", "password123",
		"qwerty1234", "1111111111", "adminadmin", "welcome123", NULL,
	};
	size_t len = strlen(in), min = (size_t)config_int("Security.PasswordMinLength");
	if (len < min) {
		snprintf(why, whylen, "must be at least %zu characters", min);
		return -1;
	}
	if (!utf8_clean(in, 0)) {
		snprintf(why, whylen, "must not contain control characters");
		return -1;
	}
	int distinct = 0;
	for (size_t i = 0; i < len && distinct < 4; i++)
		if (!memchr(in, in[i], i))
			distinct++;
	for (int i = 0; common[i]; i++)
		if (strncasecmp(in, common[i], strlen(common[i])) == 0)
			distinct = 0;
	if (distinct < 4) {
		snprintf(why, whylen, "is too easy to guess; mix more different characters");
		return -1;
	}
	snprintf(out, outlen, "%s", in);
	return 0;
}

int check_phone(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	return phone_normalize(in, (int)config_int("Phone.DefaultCountry"), out, outlen, why,
			       whylen);
}

void form_error(struct request *r, const char *field, const char *message)
{
	char key[128];
	snprintf(key, sizeof key, "Errors.%s", field);
	hdf_set(r->hdf, key, message);
	hdf_set(r->hdf, "Errors.Any", "1");
}

int form_check(struct request *r, const struct field_rule *rules, struct rec *out)
{
	int bad = 0;
	for (const struct field_rule *f = rules; f->name; f++) {
		const char *in = req_param(r, f->name);
		char key[128], norm[4096], why[160];
		if (!in)
			in = "";
		if (f->keep_input) {
			snprintf(key, sizeof key, "Form.%s", f->name);
			hdf_set(r->hdf, key, in);
		}
		int blank = 1;
		for (const char *p = in; *p; p++)
			if (!isspace((unsigned char)*p))
				blank = 0;
		if (blank) {
			if (f->required) {
				snprintf(why, sizeof why, "%s is required.", f->label);
				form_error(r, f->name, why);
				bad++;
			} else {
				rec_set(out, f->name, "");
			}
			continue;
		}
		if (strlen(in) > f->max_len) {
			snprintf(why, sizeof why, "%s must be at most %zu characters.", f->label,
				 f->max_len);
			form_error(r, f->name, why);
			bad++;
			continue;
		}
		field_check_fn check = f->check ? f->check : check_text_line;
		char reason[128];
		if (check(in, norm, sizeof norm, reason, sizeof reason) < 0) {
			snprintf(why, sizeof why, "%s %s.", f->label, reason);
			form_error(r, f->name, why);
			bad++;
			continue;
		}
		rec_set(out, f->name, norm);
	}
	return bad;
}
