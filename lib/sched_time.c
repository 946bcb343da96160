/* sched_time.c: the time of a scheduled call as typed and as shown (UTC). */
#include "sched.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int sched_parse_time(const char *text, int64_t *t)
{
	if (!text)
		return -1;
	while (*text == ' ')
		text++;
	int y, mo, d, h, mi, s = 0, used = 0;
	char sep;
	if (strlen(text) > 25)
		return -1;
	int got = sscanf(text, "%4d-%2d-%2d%c%2d:%2d%n:%2d%n", &y, &mo, &d, &sep, &h, &mi, &used, &s,
			 &used);
	if (got < 6 || (sep != 'T' && sep != ' '))
		return -1;
	const char *rest = text + used;
	while (*rest == ' ')
		rest++;
	if (!strcmp(rest, "Z") || !strcmp(rest, "UTC"))
		rest += strlen(rest);
	if (*rest || y < 2000 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 ||
	    h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
		return -1;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
			.tm_min = mi, .tm_sec = s};
	time_t v = timegm(&tm);
	/* timegm normalises 31 Feb into March: refuse dates that do not exist. */
	if (tm.tm_mday != d || tm.tm_mon != mo - 1)
		return -1;
	*t = (int64_t)v;
	return 0;
}

void sched_format_time(int64_t t, char *out, size_t outlen)
{
	time_t v = (time_t)t;
	struct tm tm;
	gmtime_r(&v, &tm);
	strftime(out, outlen, "%a %d %b %Y, %H:%M UTC", &tm);
}

void sched_input_time(int64_t t, char *out, size_t outlen)
{
	time_t v = (time_t)t;
	struct tm tm;
	gmtime_r(&v, &tm);
	strftime(out, outlen, "%Y-%m-%dT%H:%M", &tm);
}
