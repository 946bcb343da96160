/* test_request.c: strict parsing of query strings, url-encoded and
 * multipart bodies. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "request.h"

static void reset(struct request *r)
{
	request_free(r);
	memset(r, 0, sizeof *r);
}

int main(void)
{
	struct request r;
	memset(&r, 0, sizeof r);
	char err[200], out[64];

	CHECK(url_decode("a%20b+c", 7, out, 1) == 5 && !strcmp(out, "a b c"), "decodes %%20 and +");
	CHECK(url_decode("a+b", 3, out, 0) == 3 && !strcmp(out, "a+b"), "keeps + in paths");
	CHECK(url_decode("%41%6a", 6, out, 1) == 2 && !strcmp(out, "Aj"), "decodes hex either case");
	CHECK(url_decode("%4", 2, out, 1) < 0, "refuses a cut escape");
	CHECK(url_decode("%", 1, out, 1) < 0, "refuses a lone %%");
	CHECK(url_decode("%zz", 3, out, 1) < 0, "refuses non-hex escapes");
	CHECK(url_decode("a%00b", 5, out, 1) < 0, "refuses an encoded NUL");

	const char *q = "name=Ada+Kim&email=a%40b.co&empty=&flag&name=Second";
	CHECK(parse_urlencoded(&r, q, strlen(q), 10, err, sizeof err) == 0, "parses a query");
	CHECK_STR(req_param(&r, "name"), "Second", "last value of a repeated field wins");
	CHECK_STR(req_param(&r, "email"), "a@b.co", "decodes values");
	CHECK_STR(req_param(&r, "empty"), "", "empty value");
	CHECK_STR(req_param(&r, "flag"), "", "field without =");
	CHECK(req_param(&r, "missing") == NULL, "missing field is NULL");
	reset(&r);
	CHECK(parse_urlencoded(&r, "a=1&b=2&c=3", 11, 2, err, sizeof err) < 0, "caps the field count");
	reset(&r);
	CHECK(parse_urlencoded(&r, "=x", 2, 10, err, sizeof err) < 0, "refuses an empty name");
	reset(&r);

	const char *ct = "multipart/form-data; boundary=----b0";
	const char body[] = "------b0\r\n"
			    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
			    "Hello\r\nWorld\r\n"
			    "------b0\r\n"
			    "Content-Disposition: form-data; name=\"logo\"; filename=\"a.png\"\r\n"
			    "Content-Type: image/png\r\n\r\n"
			    "\x89PNG\0\x01\r\n"
			    "------b0--\r\n";
	size_t blen = sizeof body - 1;
	CHECK(parse_multipart(&r, ct, body, blen, 10, err, sizeof err) == 0, "parses multipart");
	CHECK_STR(req_param(&r, "title"), "Hello\r\nWorld", "text part keeps its line breaks");
	const struct param *f = req_file(&r, "logo");
	CHECK(f && f->len == 6 && memcmp(f->value, "\x89PNG\0\x01", 6) == 0, "file part is binary safe");
	CHECK(f && !strcmp(f->filename, "a.png") && !strcmp(f->ctype, "image/png"), "file name and type");
	CHECK(req_param(&r, "logo") == NULL, "a file is not a text field");
	reset(&r);
	for (size_t cut = 1; cut < blen - 4; cut += 7) {
		int rc = parse_multipart(&r, ct, body, cut, 10, err, sizeof err);
		reset(&r);
		if (rc == 0) {
			CHECK(0, "truncated multipart at %zu refused", cut);
			break;
		}
	}
	CHECK(1, "every truncation of a multipart body is refused");
	CHECK(parse_multipart(&r, "multipart/form-data", body, blen, 10, err, sizeof err) < 0,
	      "refuses a missing boundary");
	reset(&r);
	const char nulbody[] = "--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\na\0b\r\n--b--";
	CHECK(parse_multipart(&r, "multipart/form-data; boundary=b", nulbody, sizeof nulbody - 1, 10,
			      err, sizeof err) < 0,
	      "refuses NUL in a text part");
	reset(&r);
	const char noname[] = "--b\r\nContent-Disposition: form-data\r\n\r\na\r\n--b--";
	CHECK(parse_multipart(&r, "multipart/form-data; boundary=b", noname, sizeof noname - 1, 10, err,
			      sizeof err) < 0,
	      "refuses a part without a name");
	reset(&r);
	return check_done();
}
