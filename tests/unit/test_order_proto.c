/* test_order_proto.c: the call-order protocol lines (lib/order_proto). */
#include <string.h>

#include "check.h"
#include "order_proto.h"

static int parse(const char *line, struct order_cmd *cmd, char *code)
{
	char why[160];
	return order_parse_request(line, cmd, code, 32, why, sizeof why);
}

static void test_round_trip(void)
{
	struct order_cmd in = {.verb = ORDER_PLACE}, out;
	char line[ORDER_LINE_MAX + 1], code[32];
	strcpy(in.order.id, "o-123_x");
	strcpy(in.order.owner, "01012345678");
	strcpy(in.order.owner_alt, "+82212345678");
	strcpy(in.order.dest, "sip:bob.k@pc-7.example.net:5070");
	in.order.mode = ORDER_MODE_PC;
	in.order.max_seconds = 600;
	strcpy(in.order.lang, "en");
	in.order.record = 1;
	CHECK(order_format_request(&in, line, sizeof line) > 0, "an order formats");
	CHECK(!strncmp(line, "CC1 ORDER id=o-123_x ", 21), "line starts with version and verb");
	CHECK(parse(line, &out, code) == 0, "the formatted line parses");
	CHECK(!memcmp(&in.order, &out.order, sizeof in.order) && out.verb == ORDER_PLACE,
	      "parse gives back every field");
	in.verb = ORDER_STATE;
	CHECK(order_format_request(&in, line, sizeof line) > 0 && !strcmp(line, "CC1 STATE id=o-123_x\n"),
	      "STATE line");
	CHECK(parse("CC1 GATEWAYS", &out, code) == 0 && out.verb == ORDER_GATEWAYS, "GATEWAYS parses");
	CHECK(parse("CC1 CANCEL id=abc\r\n", &out, code) == 0 && out.verb == ORDER_CANCEL &&
		      !strcmp(out.order.id, "abc"),
	      "CANCEL parses, CRLF tolerated");
}

static void test_rejects(void)
{
	struct order_cmd c;
	char code[32];
	static const struct {
		const char *line, *code, *what;
	} bad[] = {
		{"CC2 ORDER id=a owner=0101234 dest=0201234 max=60", "bad_version", "other version"},
		{"ORDER id=a owner=0101234 dest=0201234 max=60", "bad_version", "no version"},
		{"CC1 DIAL id=a", "bad_verb", "unknown verb"},
		{"CC1", "bad_verb", "no verb"},
		{"CC1 ORDER id=a owner=010a234 dest=0201234 max=60", "bad_field", "letters in a number"},
		{"CC1 ORDER id=a owner=010&234 dest=0201234 max=60", "bad_field", "& in a number"},
		{"CC1 ORDER id=a owner=010;234 dest=0201234 max=60", "bad_field", "; in a number"},
		{"CC1 ORDER id=a owner=010@x dest=0201234 max=60", "bad_field", "@ in a number"},
		{"CC1 ORDER id=a owner=0101234 dest=sip:x@y;transport=tcp max=60 mode=pc", "bad_field",
		 "URI parameters"},
		{"CC1 ORDER id=a owner=0101234 dest=sip:x@y>evil max=60 mode=pc", "bad_field", "> in URI"},
		{"CC1 ORDER id=a owner=0101234 dest=sip:x@y max=60", "bad_field", "URI in phone mode"},
		{"CC1 ORDER id=a owner=0101234 dest=0201234 max=60 mode=pc", "bad_field",
		 "number in pc mode"},
		{"CC1 ORDER id=a owner=0101234 dest=0201234 max=0", "bad_field", "max 0"},
		{"CC1 ORDER id=a owner=0101234 dest=0201234 max=86401", "bad_field", "max too big"},
		{"CC1 ORDER id=a owner=0101234 dest=0201234 max=-5", "bad_field", "negative max"},
		{"CC1 ORDER id=a owner=0101234 dest=0201234", "missing_field", "no max"},
		{"CC1 ORDER id=a id=b owner=0101234 dest=0201234 max=6", "bad_field", "repeated id"},
		{"CC1 ORDER id=a owner=0101234 dest=0201234 max=6 color=red", "bad_field", "unknown key"},
		{"CC1 ORDER id=a/b owner=0101234 dest=0201234 max=6", "bad_field", "/ in id"},
		{"CC1 ORDER id=a owner=0101234 dest=0201234 max=6 lang=fr", "bad_field", "unknown lang"},
		{"CC1 ORDER id=a owner=0101234 dest=0201234\tmax=6", "bad_char", "tab"},
		{"CC1 ORDER id=a owner=01\xc3\xa9 dest=0201234 max=6", "bad_char", "non-ASCII"},
		{"CC1 STATE", "missing_field", "STATE without id"},
		{"CC1 STATE id", "bad_field", "field without ="},
		{"CC1 GATEWAYS id=x", "bad_field", "GATEWAYS takes no field"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = parse(bad[i].line, &c, code);
		CHECK(rc < 0 && !strcmp(code, bad[i].code), "rejects %s (%s)", bad[i].what, bad[i].code);
	}
	char longline[700];
	memset(longline, 'x', sizeof longline - 1);
	longline[sizeof longline - 1] = '\0';
	memcpy(longline, "CC1 STATE id=", 13);
	CHECK(parse(longline, &c, code) < 0 && !strcmp(code, "too_long"), "rejects an overlong line");
	struct order_cmd o = {.verb = ORDER_PLACE};
	char line[ORDER_LINE_MAX + 1];
	strcpy(o.order.id, "a");
	strcpy(o.order.owner, "010 1234");
	strcpy(o.order.dest, "0201234");
	o.order.max_seconds = 5;
	strcpy(o.order.lang, "ko");
	CHECK(order_format_request(&o, line, sizeof line) < 0, "format refuses a bad number");
}

static void test_values(void)
{
	CHECK(order_valid_number("+821012345678"), "E.164 number");
	CHECK(!order_valid_number("12"), "too short");
	CHECK(!order_valid_number("+"), "plus alone");
	CHECK(!order_valid_number("12345678901234567890123"), "too long");
	CHECK(order_valid_sip_uri("sip:alice@127.0.0.1:5062"), "URI with port");
	CHECK(!order_valid_sip_uri("sip:alice@127.0.0.1:99999"), "port out of range");
	CHECK(!order_valid_sip_uri("sip:@host"), "empty user");
	CHECK(!order_valid_sip_uri("sips:a@host"), "sips not taken");
	CHECK(!order_valid_sip_uri("sip:a%20b@host"), "escapes not taken");
}

static void test_reply(void)
{
	char v[32];
	const char *r = "CC1 OK id=o1 state=connected cause=- seq=8";
	CHECK(order_reply_ok(r), "OK reply");
	CHECK(!order_reply_ok("CC1 ERR bad_field x"), "ERR reply");
	CHECK(!order_reply_ok("CC1 OKAY"), "OKAY is not OK");
	CHECK(order_reply_get(r, "state", v, sizeof v) == 0 && !strcmp(v, "connected"), "state value");
	CHECK(order_reply_get(r, "seq", v, sizeof v) == 0 && !strcmp(v, "8"), "last value");
	CHECK(order_reply_get(r, "tate", v, sizeof v) < 0, "no partial key match");
	char reply[128];
	CHECK(order_client_request("/nonexistent/sock", "CC1 GATEWAYS\n", reply, sizeof reply, 200) < 0 &&
		      !strncmp(reply, "CC1 ERR unavailable", 19),
	      "client reports an absent dialer as an error line");
}

int main(void)
{
	test_round_trip();
	test_rejects();
	test_values();
	test_reply();
	return check_done();
}
