/* test_send.c: the recipients' list of the sending form and the
 * unsubscribe tokens. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "send.h"
#include "token.h"

static int parse(const char *in, long max, struct send_rcpts *l, char *why)
{
	return send_rcpts_parse(in, max, l, why, 200);
}

int main(void)
{
	struct send_rcpts l;
	char why[200];

	CHECK(parse(" Ana@Example.com ,bo@example.org,, ", 10, &l, why) == 0, "a list with spaces and empty parts");
	CHECK(l.n == 2, "two addresses");
	CHECK_STR(l.n == 2 ? l.addr[0] : NULL, "ana@example.com", "lower-cased and trimmed");
	CHECK_STR(l.n == 2 ? l.addr[1] : NULL, "bo@example.org", "in the order given");
	send_rcpts_free(&l);

	CHECK(parse("a@example.com, A@EXAMPLE.COM", 10, &l, why) < 0 && l.n == 0, "a duplicate in another case");
	CHECK_STR(why, "a@example.com is in the list twice", "names the duplicate");
	CHECK(parse("a@example.com, b@@example.com", 10, &l, why) < 0, "a malformed address");
	CHECK_STR(why, "\"b@@example.com\" is not a valid e-mail address", "quotes the bad part");
	CHECK(parse("Ana <a@example.com>", 10, &l, why) < 0, "a display name (would be a list to msmtp)");
	CHECK(parse("a@example.com\r\nBcc: x@example.com", 10, &l, why) < 0, "a line break");
	CHECK(parse("a@x.com,b@x.com,c@x.com", 2, &l, why) < 0, "too many");
	CHECK_STR(why, "A card goes to at most 2 recipients at a time", "says the limit");
	CHECK(parse("a@x.com,b@x.com", 2, &l, why) == 0 && l.n == 2, "exactly the limit");
	send_rcpts_free(&l);
	CHECK(parse(" , ", 2, &l, why) < 0, "nothing but commas");
	CHECK_STR(why, "Enter at least one e-mail address", "asks for one");

	unsigned char key[32] = {1, 2, 3};
	token_secret_set(key);
	char t1[TOKEN_LEN], t2[TOKEN_LEN], t3[TOKEN_LEN];
	send_unsub_token(1, "a@example.com", t1);
	send_unsub_token(1, "a@example.com", t2);
	send_unsub_token(2, "a@example.com", t3);
	CHECK(strlen(t1) == TOKEN_LEN - 1, "a token is URL-safe base64 of 43 chars");
	CHECK(!strcmp(t1, t2), "the same owner and address give the same token");
	CHECK(strcmp(t1, t3) != 0, "another owner gives another token");
	return check_done();
}
