/* log.h: one line per event on stderr, with the program name and pid. */
#ifndef CALLCARD_LOG_H
#define CALLCARD_LOG_H

void log_init(const char *progname);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs and exits with status 1. */
void log_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
