/* test_money.c: amounts typed and shown exactly, and CSV cells quoted and
 * guarded against formulas. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "money_csv.h"
#include "money_format.h"

static void test_format(void)
{
	char b[64];
	money_format(1250, "EUR", b, sizeof b);
	CHECK_STR(b, "12.50 EUR", "12.50 EUR");
	money_format(-5, "EUR", b, sizeof b);
	CHECK_STR(b, "-0.05 EUR", "a negative amount below one");
	money_format(0, "EUR", b, sizeof b);
	CHECK_STR(b, "0.00 EUR", "zero");
	money_format(1500, "KRW", b, sizeof b);
	CHECK_STR(b, "1500 KRW", "KRW has no decimals");
	money_format(1500, "KWD", b, sizeof b);
	CHECK_STR(b, "1.500 KWD", "KWD has three");
	money_number(INT64_MIN, "EUR", b, sizeof b);
	CHECK_STR(b, "-92233720368547758.08", "the smallest int64 formats");
	money_number(-123456, "EUR", b, sizeof b);
	CHECK_STR(b, "-1234.56", "a plain number for CSV");
}

static const struct {
	const char *typed, *currency;
	int64_t want; /* -1: refused */
	const char *why;
} parse_cases[] = {
	{"12", "EUR", 1200, NULL},
	{"12.5", "EUR", 1250, NULL},
	{"12.50", "EUR", 1250, NULL},
	{" 0.01 ", "EUR", 1, NULL},
	{"1,5", "EUR", 150, NULL},
	{".5", "EUR", 50, NULL},
	{"10000", "EUR", 1000000, NULL},
	{"10000.01", "EUR", -1, "above the limit of 10000.00 EUR"},
	{"12.505", "EUR", -1, "at most 2 decimals"},
	{"12,500", "EUR", -1, "at most 2 decimals"},
	{"-5", "EUR", -1, "negative amounts are refused"},
	{"0", "EUR", -1, "more than zero"},
	{"0.00", "EUR", -1, "more than zero"},
	{"", "EUR", -1, "Give an amount"},
	{"1e3", "EUR", -1, "is not an amount"},
	{"12.", "EUR", -1, "decimals after the point"},
	{"1.2.3", "EUR", -1, "is not an amount"},
	{"+5", "EUR", -1, "is not an amount"},
	{"0x10", "EUR", -1, "is not an amount"},
	{"99999999999999999999", "EUR", -1, "too large"},
	{"1500", "KRW", 1500, NULL},
	{"1500.5", "KRW", -1, "KRW has no decimals"},
	{"0.001", "KWD", 1, NULL},
};

static void test_parse(void)
{
	for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		int64_t v = -1;
		char why[200] = "";
		int rc = money_parse(parse_cases[i].typed, parse_cases[i].currency, 1000000, &v, why,
				     sizeof why);
		if (parse_cases[i].want >= 0)
			CHECK(rc == 0 && v == parse_cases[i].want, "'%s' %s is %lld",
			      parse_cases[i].typed, parse_cases[i].currency,
			      (long long)parse_cases[i].want);
		else
			CHECK(rc == -1 && strstr(why, parse_cases[i].why), "'%s' refused: %s",
			      parse_cases[i].typed, why);
	}
	int64_t v;
	char why[100];
	CHECK(money_parse(NULL, "EUR", 100, &v, why, sizeof why) == -1, "no input is refused");
}

static void test_csv(void)
{
	struct csv c;
	csv_init(&c);
	csv_text(&c, "plain");
	csv_text(&c, "a,b");
	csv_text(&c, "say \"hi\"");
	csv_text(&c, "two\nlines");
	csv_text(&c, "=HYPERLINK(\"x\")");
	csv_text(&c, "+8210 ••••• 32");
	csv_text(&c, "-2");
	csv_text(&c, "@sum");
	csv_number(&c, "-0.12");
	csv_int(&c, -42);
	csv_text(&c, NULL);
	csv_row_end(&c);
	CHECK_STR(c.buf,
		  "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"'=HYPERLINK(\"\"x\"\")\","
		  "'+8210 ••••• 32,'-2,'@sum,-0.12,-42,\r\n",
		  "quoting, doubled quotes, formula guard on text only, CRLF");
	csv_free(&c);
}

int main(void)
{
	test_format();
	test_parse();
	test_csv();
	return check_done();
}
