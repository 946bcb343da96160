/* rate.h: the rate table and the rating of one call leg.
 *
 * A table maps E.164 destination prefixes to rates; a lookup takes the
 * longest prefix of the dialled number that has a rate valid at the
 * leg's start time. All money is integer minor units of the table's
 * currency; the per-minute price may carry up to four decimals of a minor
 * unit (kept as 1/10000 minor units) and each leg's cost is rounded up
 * to a whole minor unit once, at the end.
 *
 * The text format (one rate per line; '#' starts a comment; blank lines
 * are ignored; fields are separated by spaces or tabs):
 *
 *   currency EUR
 *   # prefix  connect  per-minute  first/next  minimum  from        until       name...
 *   44        0        2.5         60/60       0        -           -           United Kingdom
 *   4420      5        1.2         30/6        10       2026-01-01  2027-01-01  London
 *
 *   currency   three upper-case letters; exactly once, before any rate.
 *   prefix     1 to 15 digits (E.164 without '+').
 *   connect    connect fee, charged once on an answered leg (minor units).
 *   per-minute price of 60 billed seconds, minor units, up to 4 decimals.
 *   first/next billing increments in seconds: the first block is billed
 *              whole as soon as the leg is answered, then each started
 *              next block is billed whole (60/60, 30/6, 1/1).
 *   minimum    minimum charge of an answered leg (minor units).
 *   from       first valid day (UTC, inclusive) or '-' for always.
 *   until      first day no longer valid (UTC, exclusive) or '-'.
 *   name       optional free text to the end of the line.
 *
 * One prefix may have several lines with disjoint validity periods (a
 * price change on a date); overlapping periods are refused. Any error
 * refuses the whole file with its line number and the reason. */
#ifndef CALLCARD_RATE_H
#define CALLCARD_RATE_H
#include <stddef.h>
#include <stdint.h>

#define RATE_PREFIX_MAX 15
#define RATE_NAME_MAX 48
/* Upper bounds that keep every product far inside int64_t. */
#define RATE_MONEY_MAX 100000000LL       /* connect fee, minimum: 10^8 */
#define RATE_PRICE_E4_MAX 1000000000000LL /* per-minute price: 10^8 minor units */
#define RATE_BLOCK_MAX 3600              /* seconds per billing block */
#define RATE_SECONDS_MAX (31LL * 86400)  /* longest leg that can be rated */

struct rate {
	char prefix[RATE_PREFIX_MAX + 1];
	int64_t connect_fee;    /* minor units */
	int64_t per_minute_e4;  /* 1/10000 minor units per 60 billed seconds */
	int32_t first_block;    /* seconds */
	int32_t next_block;     /* seconds */
	int64_t minimum;        /* minor units */
	int64_t valid_from;     /* unix seconds, inclusive; INT64_MIN: always */
	int64_t valid_until;    /* unix seconds, exclusive; INT64_MAX: always */
	char name[RATE_NAME_MAX];
};

struct rate_table;

/* Parse text (not necessarily NUL-terminated). 0 and *out, or -1 and err
 * "line N: reason" with nothing allocated. */
int rate_table_parse(const char *text, size_t len, struct rate_table **out,
		     char *err, size_t errlen);
/* Read and parse a file; the same contract. */
int rate_table_load_file(const char *path, struct rate_table **out,
			 char *err, size_t errlen);
void rate_table_free(struct rate_table *t);

const char *rate_table_currency(const struct rate_table *t);
size_t rate_table_count(const struct rate_table *t);

/* The rate for number (digits, an optional leading '+') at time when
 * (unix seconds), or NULL when no prefix has a valid rate or the number
 * is not E.164 digits. */
const struct rate *rate_lookup(const struct rate_table *t, const char *number,
			       int64_t when);

/* Billed seconds of a leg that lasted seconds: 0 for 0, else the first
 * block plus the started next blocks. -1 when seconds is out of range. */
int64_t rate_billed_seconds(const struct rate *r, int64_t seconds);

/* Cost in minor units of a leg that lasted seconds (0 when 0): connect
 * fee + price of the billed seconds rounded up to a whole minor unit,
 * at least the minimum. -1 when seconds is out of range. */
int64_t rate_cost(const struct rate *r, int64_t seconds);

/* The longest duration, at most cap seconds, whose cost is within credit:
 * 0 when even the first block is not affordable. */
int64_t rate_max_seconds(const struct rate *r, int64_t credit, int64_t cap);

#endif
