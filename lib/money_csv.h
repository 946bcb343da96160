/* money_csv.h: CSV text as RFC 4180 describes it, built in memory.
 *
 * Rows end in CRLF; a cell holding a comma, a quote, CR or LF is quoted
 * and its quotes doubled. A text cell that a spreadsheet would take for a
 * formula (starting with = + - @, a tab or CR) gets a leading apostrophe;
 * number cells are written as they are, so negative amounts stay numbers. */
#ifndef CALLCARD_MONEY_CSV_H
#define CALLCARD_MONEY_CSV_H
#include <stddef.h>
#include <stdint.h>

struct csv {
	char *buf;
	size_t len, cap;
	int cells;   /* cells in the row being written */
	int failed;  /* out of memory: the text is incomplete */
};

void csv_init(struct csv *c);
void csv_free(struct csv *c);
/* Free text (guarded against formulas). NULL is an empty cell. */
void csv_text(struct csv *c, const char *s);
/* A number the caller formatted ("-12.50", "42"): never guarded. */
void csv_number(struct csv *c, const char *s);
void csv_int(struct csv *c, int64_t v);
void csv_row_end(struct csv *c);

#endif
