/* check.h: a minimal TAP-style checker for unit tests.
 * CHECK(cond, "what") prints "ok - what" or "not ok - what (file:line)";
 * check_done() returns the exit status tests/run.sh expects. */
#ifndef CALLCARD_CHECK_H
#define CALLCARD_CHECK_H
#include <stdio.h>
#include <string.h>

static int check_failures;

/* cond is evaluated exactly once. */
#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		int ok_ = (cond) ? 1 : 0;                                     \
		if (!ok_)                                                     \
			check_failures++;                                     \
		printf(ok_ ? "ok - " : "not ok - ");                          \
		printf(__VA_ARGS__);                                          \
		if (!ok_)                                                     \
			printf("  (%s:%d: %s)", __FILE__, __LINE__, #cond);   \
		printf("\n");                                                 \
		fflush(stdout);                                               \
	} while (0)

#define CHECK_STR(got, want, ...)                                             \
	do {                                                                  \
		const char *g_ = (got), *w_ = (want);                         \
		int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;      \
		CHECK(same_, __VA_ARGS__);                                    \
		if (!same_)                                                   \
			printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)", \
			       w_ ? w_ : "(null)");                           \
	} while (0)

static inline int check_done(void)
{
	return check_failures ? 1 : 0;
}
#endif
