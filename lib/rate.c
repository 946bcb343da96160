/* rate.c: the rate table (a digit trie over E.164 prefixes) and leg rating. */
#include "rate.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One trie node per prefix digit string; child[d] and rates are indexes
 * (-1: none) so the pools can grow with realloc. */
struct rate_node {
	int32_t child[10];
	int32_t rates; /* first rate of this exact prefix; chained by next */
};

struct rate_table {
	char currency[4];
	struct rate_node *nodes;
	size_t nnodes, capnodes;
	struct rate *rates;
	int32_t *next; /* next[i]: next rate of the same prefix, -1 at the end */
	size_t nrates, caprates;
};

static int32_t node_new(struct rate_table *t)
{
	if (t->nnodes == t->capnodes) {
		size_t cap = t->capnodes ? t->capnodes * 2 : 1024;
		struct rate_node *n = realloc(t->nodes, cap * sizeof *n);
		if (!n)
			return -1;
		t->nodes = n;
		t->capnodes = cap;
	}
	struct rate_node *n = &t->nodes[t->nnodes];
	for (int d = 0; d < 10; d++)
		n->child[d] = -1;
	n->rates = -1;
	return (int32_t)t->nnodes++;
}

static int32_t rate_slot_new(struct rate_table *t)
{
	if (t->nrates == t->caprates) {
		size_t cap = t->caprates ? t->caprates * 2 : 1024;
		struct rate *r = realloc(t->rates, cap * sizeof *r);
		if (!r)
			return -1;
		t->rates = r;
		int32_t *nx = realloc(t->next, cap * sizeof *nx);
		if (!nx)
			return -1;
		t->next = nx;
		t->caprates = cap;
	}
	return (int32_t)t->nrates++;
}

void rate_table_free(struct rate_table *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t->rates);
	free(t->next);
	free(t);
}

const char *rate_table_currency(const struct rate_table *t)
{
	return t->currency;
}

size_t rate_table_count(const struct rate_table *t)
{
	return t->nrates;
}

/* ---- parsing ---- */

struct parse {
	struct rate_table *t;
	int line;
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 2, 3))) static int fail(struct parse *p, const char *fmt, ...)
{
	char why[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "line %d: %s", p->line, why);
	return -1;
}

/* Whole non-negative number of at most max. */
static int parse_uint(const char *s, int64_t max, int64_t *out)
{
	int64_t v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}

/* "12", "2.5", "0.0125": minor units with up to 4 decimals, as 1/10000. */
static int parse_price_e4(const char *s, int64_t *out)
{
	char whole[24];
	const char *dot = strchr(s, '.');
	size_t wl = dot ? (size_t)(dot - s) : strlen(s);
	int64_t w, frac = 0;
	if (wl == 0 || wl >= sizeof whole)
		return -1;
	memcpy(whole, s, wl);
	whole[wl] = '\0';
	if (parse_uint(whole, RATE_PRICE_E4_MAX / 10000, &w))
		return -1;
	if (dot) {
		const char *f = dot + 1;
		size_t fl = strlen(f);
		if (fl == 0 || fl > 4 || parse_uint(f, 9999, &frac))
			return -1;
		for (size_t i = fl; i < 4; i++)
			frac *= 10;
	}
	*out = w * 10000 + frac;
	return *out > RATE_PRICE_E4_MAX ? -1 : 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (civil calendar). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* "YYYY-MM-DD" (UTC midnight) or "-" (open: dflt). */
static int parse_day(const char *s, int64_t dflt, int64_t *out)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	char buf[5];
	int64_t y, m, d;
	if (!strcmp(s, "-")) {
		*out = dflt;
		return 0;
	}
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	memcpy(buf, s, 4), buf[4] = '\0';
	if (parse_uint(buf, 9999, &y) || y < 1970)
		return -1;
	memcpy(buf, s + 5, 2), buf[2] = '\0';
	if (parse_uint(buf, 12, &m) || m < 1)
		return -1;
	memcpy(buf, s + 8, 2), buf[2] = '\0';
	if (parse_uint(buf, 31, &d) || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	*out = days_from_civil(y, m, d) * 86400;
	return 0;
}

static int parse_blocks(const char *s, int32_t *first, int32_t *next)
{
	char buf[16];
	const char *slash = strchr(s, '/');
	int64_t f, n;
	if (!slash || (size_t)(slash - s) >= sizeof buf)
		return -1;
	memcpy(buf, s, (size_t)(slash - s));
	buf[slash - s] = '\0';
	if (parse_uint(buf, RATE_BLOCK_MAX, &f) || parse_uint(slash + 1, RATE_BLOCK_MAX, &n) ||
	    f < 1 || n < 1)
		return -1;
	*first = (int32_t)f;
	*next = (int32_t)n;
	return 0;
}

/* Splits line in place into at most max fields; the last one (when max is
 * reached) keeps the rest of the line. Returns the field count. */
static int split_fields(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	while (*p && n < max) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		f[n++] = p;
		if (n == max)
			break;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
	if (n == max) { /* trim the trailing blanks of the rest */
		char *e = f[n - 1] + strlen(f[n - 1]);
		while (e > f[n - 1] && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
	}
	return n;
}

static int add_rate(struct parse *p, const struct rate *r)
{
	struct rate_table *t = p->t;
	int32_t node = 0;
	for (const char *d = r->prefix; *d; d++) {
		int32_t c = t->nodes[node].child[*d - '0'];
		if (c < 0) {
			c = node_new(t);
			if (c < 0)
				return fail(p, "out of memory");
			t->nodes[node].child[*d - '0'] = c;
		}
		node = c;
	}
	for (int32_t i = t->nodes[node].rates; i >= 0; i = t->next[i]) {
		const struct rate *o = &t->rates[i];
		if (r->valid_from < o->valid_until && o->valid_from < r->valid_until)
			return fail(p, "prefix %s: validity overlaps another line of "
				       "the same prefix", r->prefix);
	}
	int32_t slot = rate_slot_new(t);
	if (slot < 0)
		return fail(p, "out of memory");
	t->rates[slot] = *r;
	t->next[slot] = t->nodes[node].rates;
	t->nodes[node].rates = slot;
	return 0;
}

static int parse_rate_line(struct parse *p, char **f, int n)
{
	struct rate r;
	memset(&r, 0, sizeof r);
	if (n < 7)
		return fail(p, "expected prefix, connect fee, per-minute price, first/next, "
			       "minimum, from, until (%d fields)", n);
	size_t pl = strlen(f[0]);
	if (pl < 1 || pl > RATE_PREFIX_MAX || strspn(f[0], "0123456789") != pl)
		return fail(p, "prefix '%s' must be 1 to %d digits", f[0], RATE_PREFIX_MAX);
	memcpy(r.prefix, f[0], pl + 1);
	if (parse_uint(f[1], RATE_MONEY_MAX, &r.connect_fee))
		return fail(p, "connect fee '%s' must be a whole number of minor units, 0..%lld",
			    f[1], RATE_MONEY_MAX);
	if (parse_price_e4(f[2], &r.per_minute_e4))
		return fail(p, "per-minute price '%s' must be minor units with up to 4 decimals, "
			       "0..%lld", f[2], RATE_PRICE_E4_MAX / 10000);
	if (parse_blocks(f[3], &r.first_block, &r.next_block))
		return fail(p, "increments '%s' must be first/next seconds, each 1..%d", f[3],
			    RATE_BLOCK_MAX);
	if (parse_uint(f[4], RATE_MONEY_MAX, &r.minimum))
		return fail(p, "minimum '%s' must be a whole number of minor units, 0..%lld", f[4],
			    RATE_MONEY_MAX);
	if (parse_day(f[5], INT64_MIN, &r.valid_from))
		return fail(p, "from '%s' must be a date YYYY-MM-DD or '-'", f[5]);
	if (parse_day(f[6], INT64_MAX, &r.valid_until))
		return fail(p, "until '%s' must be a date YYYY-MM-DD or '-'", f[6]);
	if (r.valid_until <= r.valid_from)
		return fail(p, "until must be later than from");
	if (n > 7)
		snprintf(r.name, sizeof r.name, "%s", f[7]);
	return add_rate(p, &r);
}

static int parse_line(struct parse *p, char *line)
{
	char *f[8];
	char *hash = strchr(line, '#');
	if (hash)
		*hash = '\0';
	for (char *c = line; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\t')
			return fail(p, "control character in line");
	int n = split_fields(line, f, 8);
	if (n == 0)
		return 0;
	if (!strcmp(f[0], "currency")) {
		if (p->t->currency[0])
			return fail(p, "currency given twice");
		if (p->t->nrates)
			return fail(p, "currency must come before the first rate");
		if (n != 2 || strlen(f[1]) != 3 || strspn(f[1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
			return fail(p, "currency must be three upper-case letters (ISO 4217)");
		memcpy(p->t->currency, f[1], 4);
		return 0;
	}
	if (!p->t->currency[0])
		return fail(p, "a 'currency XXX' line must come before the first rate");
	return parse_rate_line(p, f, n);
}

int rate_table_parse(const char *text, size_t len, struct rate_table **out, char *err,
		     size_t errlen)
{
	struct parse p = {.t = calloc(1, sizeof(struct rate_table)), .err = err, .errlen = errlen};
	char line[512];
	size_t pos = 0;
	*out = NULL;
	if (!p.t || node_new(p.t) != 0) {
		p.line = 0;
		fail(&p, "out of memory");
		goto bad;
	}
	while (pos < len) {
		size_t end = pos;
		while (end < len && text[end] != '\n')
			end++;
		size_t ll = end - pos;
		p.line++;
		if (ll && text[pos + ll - 1] == '\r')
			ll--;
		if (ll >= sizeof line) {
			fail(&p, "line longer than %zu characters", sizeof line - 1);
			goto bad;
		}
		if (memchr(text + pos, '\0', ll)) {
			fail(&p, "NUL byte in line");
			goto bad;
		}
		memcpy(line, text + pos, ll);
		line[ll] = '\0';
		if (parse_line(&p, line))
			goto bad;
		pos = end + 1;
	}
	if (!p.t->currency[0]) {
		p.line++;
		fail(&p, "no 'currency XXX' line");
		goto bad;
	}
	*out = p.t;
	return 0;
bad:
	rate_table_free(p.t);
	return -1;
}

int rate_table_load_file(const char *path, struct rate_table **out, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	*out = NULL;
	if (!fp) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (cap - len < 65536) {
			if (cap > (256u << 20)) {
				snprintf(err, errlen, "%s: file too large", path);
				goto bad;
			}
			cap = cap ? cap * 2 : 65536 * 2;
			char *nb = realloc(buf, cap);
			if (!nb) {
				snprintf(err, errlen, "%s: out of memory", path);
				goto bad;
			}
			buf = nb;
		}
		size_t n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: read error", path);
		goto bad;
	}
	fclose(fp);
	char why[200];
	int rc = rate_table_parse(buf, len, out, why, sizeof why);
	if (rc)
		snprintf(err, errlen, "%s: %s", path, why);
	free(buf);
	return rc;
bad:
	fclose(fp);
	free(buf);
	return -1;
}

/* ---- lookup and rating ---- */

const struct rate *rate_lookup(const struct rate_table *t, const char *number, int64_t when)
{
	const struct rate *best = NULL;
	int32_t node = 0;
	if (*number == '+')
		number++;
	if (!*number || strlen(number) > RATE_PREFIX_MAX ||
	    strspn(number, "0123456789") != strlen(number))
		return NULL;
	for (const char *d = number; *d; d++) {
		node = t->nodes[node].child[*d - '0'];
		if (node < 0)
			break;
		for (int32_t i = t->nodes[node].rates; i >= 0; i = t->next[i])
			if (t->rates[i].valid_from <= when && when < t->rates[i].valid_until) {
				best = &t->rates[i];
				break;
			}
	}
	return best;
}

int64_t rate_billed_seconds(const struct rate *r, int64_t seconds)
{
	if (seconds < 0 || seconds > RATE_SECONDS_MAX)
		return -1;
	if (seconds == 0)
		return 0;
	if (seconds <= r->first_block)
		return r->first_block;
	int64_t rest = seconds - r->first_block;
	return r->first_block + (rest + r->next_block - 1) / r->next_block * r->next_block;
}

int64_t rate_cost(const struct rate *r, int64_t seconds)
{
	int64_t billed = rate_billed_seconds(r, seconds);
	if (billed <= 0)
		return billed;
	/* Bounded: billed <= 31 days + a block, price <= 10^12: < 3e18. */
	int64_t talk_e4 = billed * r->per_minute_e4;
	int64_t talk = (talk_e4 + 600000 - 1) / 600000; /* 60 s x 10^4, rounded up */
	int64_t cost = r->connect_fee + talk;
	return cost < r->minimum ? r->minimum : cost;
}

int64_t rate_max_seconds(const struct rate *r, int64_t credit, int64_t cap)
{
	if (cap > RATE_SECONDS_MAX)
		cap = RATE_SECONDS_MAX;
	if (cap < 1 || credit < rate_cost(r, 1))
		return 0;
	/* cost is non-decreasing in seconds: lo is affordable, hi + 1 is not. */
	int64_t lo = 1, hi = cap;
	if (rate_cost(r, hi) <= credit)
		return hi;
	hi--;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo + 1) / 2;
		if (rate_cost(r, mid) <= credit)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}
