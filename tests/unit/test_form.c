/* test_form.c: field checkers (e-mail, password, phone, text) and config
 * validation. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "config_rules.h"
#include "form.h"
#include "phone.h"

static int ok_email(const char *in, const char *want)
{
	char out[300], why[100];
	return check_email(in, out, sizeof out, why, sizeof why) == 0 && !strcmp(out, want);
}

static int bad_email(const char *in)
{
	char out[300], why[100];
	return check_email(in, out, sizeof out, why, sizeof why) < 0;
}

static const char *phone(const char *in, int cc)
{
	static char out[32];
	char why[100];
	return phone_normalize(in, cc, out, sizeof out, why, sizeof why) == 0 ? out : NULL;
}

int main(void)
{
	char err[300];
	unsetenv("CALLCARD_CONFIG");
	setenv("CALLCARD_STATE", "/tmp", 1);
	CHECK(config_load(err, sizeof err) == 0, "embedded defaults load");
	CHECK(config_int("Phone.DefaultCountry") == 82, "default country code");
	CHECK(config_int("Web.MaxBody") == 1048576, "default body limit");
	char path[256];
	CHECK_STR(config_path("Paths.DB", path, sizeof path), "/tmp/db", "relative paths under the state dir");

	CHECK(ok_email("Ada@Example.COM", "ada@example.com"), "e-mail lower-cased");
	CHECK(ok_email("  a.b+tag@mail.example.co.kr ", "a.b+tag@mail.example.co.kr"), "e-mail trimmed, tags ok");
	const char *bad[] = {"", "a", "a@", "@b.com", "a@b", "a b@c.com", "a@b..com", ".a@b.com",
			     "a.@b.com", "a@-b.com", "a@b.com,c@d.com", "<a@b.com>", "a\"b@c.com",
			     "a@b.com\r\nBcc: x@y.com", NULL};
	for (int i = 0; bad[i]; i++)
		CHECK(bad_email(bad[i]), "refuses e-mail '%s'", bad[i]);

	CHECK_STR(phone("010-1234-5678", 82), "+821012345678", "national mobile number");
	CHECK_STR(phone("+82 (2) 6200 6200", 82), "+82262006200", "international with spaces");
	CHECK_STR(phone("00 1 415 555 0100", 82), "+14155550100", "00 prefix");
	CHECK_STR(phone("(415) 555.0100", 1), "+14155550100", "other default country");
	CHECK(phone("12", 82) == NULL, "too short");
	CHECK(phone("+1234567890123456", 82) == NULL, "too long");
	CHECK(phone("010-1234-567a", 82) == NULL, "letters");
	CHECK(phone("010;1234", 82) == NULL, "injection characters");
	CHECK(phone("010+1234", 82) == NULL, "a + in the middle");
	CHECK(phone("+0 1234 5678", 82) == NULL, "country code 0");

	char out[100], why[100];
	CHECK(check_password("short", out, sizeof out, why, sizeof why) < 0, "short password");
	CHECK(check_password("zzzzzzzzzzzz", out, sizeof out, why, sizeof why) < 0, "one-letter password");
	CHECK(check_password("Password1234", out, sizeof out, why, sizeof why) < 0, "common password");
	CHECK(check_password("violet sky 42", out, sizeof out, why, sizeof why) == 0, "good password");

	CHECK(utf8_clean("한국어 text", 0), "Korean UTF-8 is clean");
	CHECK(!utf8_clean("\xc3\x28", 0), "broken UTF-8");
	CHECK(!utf8_clean("\xed\xa0\x80", 0), "UTF-16 surrogate in UTF-8");
	CHECK(!utf8_clean("\xc0\xaf", 0), "overlong encoding");
	CHECK(!utf8_clean("a\nb", 0), "newline in a one-line field");
	CHECK(utf8_clean("a\r\nb", 1), "newline in a block");
	CHECK(!utf8_clean("a\x1b[31m", 1), "escape characters");
	CHECK(check_text_line("  hi  ", out, sizeof out, why, sizeof why) == 0 && !strcmp(out, "hi"),
	      "text trimmed");

	const struct config_rule *r;
	for (r = config_rules; r->key && strcmp(r->key, "Web.Workers"); r++)
		;
	CHECK(config_check_value(r, "4", why, sizeof why) == 0, "config int accepted");
	CHECK(config_check_value(r, "0", why, sizeof why) < 0, "config int below range");
	CHECK(config_check_value(r, "4x", why, sizeof why) < 0, "config int with junk");
	for (r = config_rules; r->key && strcmp(r->key, "Site.BaseURL"); r++)
		;
	CHECK(config_check_value(r, "https://cards.example.com", why, sizeof why) == 0, "config URL");
	CHECK(config_check_value(r, "ftp://x", why, sizeof why) < 0, "config URL scheme");
	CHECK(config_check_value(r, "http://x/\"><script>", why, sizeof why) < 0, "config URL quotes");

	/* A bad value in a config file stops the load and names the key. */
	char file[] = "/tmp/callcard-test-config-XXXXXX";
	int fd = mkstemp(file);
	const char text[] = "Web.Workers = many\n";
	CHECK(fd >= 0 && write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1), "config file written");
	close(fd);
	setenv("CALLCARD_CONFIG", file, 1);
	CHECK(config_load(err, sizeof err) < 0 && strstr(err, "Web.Workers") && strstr(err, "not a whole number"),
	      "bad config value refused with its key: %s", err);
	unlink(file);
	config_free();
	return check_done();
}
