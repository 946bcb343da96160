/* log.c: one line per event on stderr: time, program[pid], level, text. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static const char *log_prog = "callcard";

void log_init(const char *progname)
{
	log_prog = progname;
}

static void log_line(const char *level, const char *fmt, va_list ap)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* One fprintf per line keeps lines from different workers whole. */
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	fprintf(stderr, "%s %s[%d] %s: %s\n", when, log_prog, (int)getpid(), level, msg);
}

#define LOG_FN(name, level)                    \
	void name(const char *fmt, ...)        \
	{                                      \
		va_list ap;                    \
		va_start(ap, fmt);             \
		log_line(level, fmt, ap);      \
		va_end(ap);                    \
	}
LOG_FN(log_info, "info")
LOG_FN(log_warn, "warn")
LOG_FN(log_error, "error")

void log_fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("fatal", fmt, ap);
	va_end(ap);
	exit(1);
}
