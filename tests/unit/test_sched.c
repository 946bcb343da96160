/* test_sched.c: the parts of scheduled calls and pc mode that need no
 * server: the time of a scheduled call as typed and shown (UTC), the
 * softphone address policy under the embedded defaults, and that the new
 * refusals name no threshold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abuse.h"
#include "check.h"
#include "config.h"
#include "sched.h"

static int parse(const char *s, int64_t want)
{
	int64_t t = -1;
	return sched_parse_time(s, &t) == 0 && t == want;
}

static int refused(const char *s)
{
	int64_t t;
	return sched_parse_time(s, &t) == -1;
}

int main(void)
{
	char err[256];
	unsetenv("CALLCARD_CONFIG");
	setenv("CALLCARD_STATE", "/tmp", 1);
	CHECK(config_load(err, sizeof err) == 0, "embedded defaults load (%s)", err);

	/* 2026-11-24 18:05:00 UTC = 1795543500 */
	CHECK(parse("2026-11-24T18:05", 1795543500), "a datetime-local value is UTC");
	CHECK(parse("2026-11-24 18:05", 1795543500), "a space may stand for the T");
	CHECK(parse("2026-11-24T18:05:30", 1795543530), "seconds are taken");
	CHECK(parse("2026-11-24T18:05Z", 1795543500), "a trailing Z is UTC");
	CHECK(parse("2026-11-24 18:05 UTC", 1795543500), "so is a trailing UTC");
	CHECK(refused("2026-02-30T10:00"), "30 February does not exist");
	CHECK(refused("2026-13-01T10:00"), "nor month 13");
	CHECK(refused("2026-11-24T24:00"), "nor hour 24");
	CHECK(refused("2026-11-24T18:05+09:00"), "other offsets are refused, not misread");
	CHECK(refused("2026-11-24"), "a date alone is refused");
	CHECK(refused("tomorrow"), "words are refused");
	CHECK(refused(""), "empty is refused");
	CHECK(refused("2026-11-24T18:05; rm -rf /"), "trailing junk is refused");
	char buf[64];
	sched_format_time(1795543500, buf, sizeof buf);
	CHECK_STR(buf, "Tue 24 Nov 2026, 18:05 UTC", "the page states the time in UTC");
	sched_input_time(1795543530, buf, sizeof buf);
	CHECK_STR(buf, "2026-11-24T18:05", "the form's value");

	char uri[200];
	CHECK(abuse_softphone_uri("  alice@Example.COM:5062 ", uri, sizeof uri) == 0 &&
		      !strcmp(uri, "sip:alice@example.com:5062"),
	      "a typed address gets sip: and a lower-case host (%s)", uri);
	CHECK(abuse_softphone_uri("SIP:bob@example.com", uri, sizeof uri) == 0 &&
		      !strcmp(uri, "sip:bob@example.com"),
	      "an upper-case scheme is taken (%s)", uri);
	CHECK(abuse_softphone_uri("", uri, sizeof uri) == -1, "empty is refused");
	CHECK(abuse_check_softphone("sip:alice@example.com") == ABUSE_SIP_DENIED,
	      "a host name is refused by default (the page does not look it up)");
	CHECK(abuse_check_softphone("sip:alice@8.8.4.4:5070") == ABUSE_OK, "a public address is allowed");
	CHECK(abuse_check_softphone("sip:alice@127.0.0.1:5062") == ABUSE_SIP_DENIED,
	      "loopback is denied by default");
	CHECK(abuse_check_softphone("sip:alice@10.0.0.7") == ABUSE_SIP_DENIED, "private 10/8 too");
	CHECK(abuse_check_softphone("sip:alice@172.31.0.7") == ABUSE_SIP_DENIED, "private 172.16/12 too");
	CHECK(abuse_check_softphone("sip:alice@172.32.0.7") == ABUSE_OK, "172.32/16 is public");
	CHECK(abuse_check_softphone("sip:alice@pbx.internal") == ABUSE_SIP_DENIED, "a local name too");
	CHECK(abuse_check_softphone("sip:alice@localhost") == ABUSE_SIP_DENIED, "localhost too");
	CHECK(abuse_check_softphone("sip:alice@127.0.0.1:5080") == ABUSE_SIP_DENIED,
	      "the default gateway is denied");
	CHECK(abuse_check_softphone("sip:alice@224.0.0.1") == ABUSE_SIP_DENIED, "multicast is denied");
	CHECK(abuse_check_softphone("sip:alice@127.1") == ABUSE_SIP_FORMAT, "a short dotted form is refused");
	CHECK(abuse_check_softphone("sip:alice@2130706433") == ABUSE_SIP_FORMAT, "a bare integer is refused");
	CHECK(abuse_check_softphone("sip:alice@0x7f.1") == ABUSE_SIP_FORMAT, "a hex form is refused");
	CHECK(abuse_check_softphone("sip:alice@example.com;transport=tcp") == ABUSE_SIP_FORMAT,
	      "parameters are refused");
	CHECK(abuse_check_softphone("sip:alice@example..com") == ABUSE_SIP_FORMAT, "an empty label is refused");
	CHECK(abuse_check_softphone("sip:alice@example.com:0") == ABUSE_SIP_FORMAT, "port 0 is refused");
	CHECK(strpbrk(abuse_message(ABUSE_SPEND_CAP), "0123456789") == NULL,
	      "the spend cap's refusal names no amount");
	CHECK(strstr(abuse_message(ABUSE_SPEND_CAP), "spending limit") != NULL,
	      "the spend cap says what happened");

	/* Names allowed; gateways on a public address and by a name. */
	char path[] = "/tmp/callcard-softphone-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f) {
		fputs("Call.SoftphoneNames = 1\nCall.SoftphoneLocal = 1\n"
		      "Gateways.kt.Address = 151.101.1.1:5060\n"
		      "Gateways.pbx.Address = localhost:5090\n",
		      f);
		fclose(f);
	}
	setenv("CALLCARD_CONFIG", path, 1);
	err[0] = '\0';
	CHECK(config_load(err, sizeof err) == 0, "a configuration with gateways loads (%s)", err);
	unlink(path);
	unsetenv("CALLCARD_CONFIG");
	CHECK(abuse_check_softphone("sip:alice@example.com") == ABUSE_OK,
	      "with Call.SoftphoneNames a public name is allowed");
	CHECK(abuse_check_softphone("sip:alice@151.101.1.1:5060") == ABUSE_SIP_DENIED,
	      "a gateway's address is denied");
	CHECK(abuse_check_softphone("sip:alice@151.101.1.1:5070") == ABUSE_SIP_DENIED,
	      "on any port");
	CHECK(abuse_check_softphone("sip:alice@151.101.1.2") == ABUSE_OK,
	      "the next address is not a gateway");
	CHECK(abuse_check_softphone("sip:alice@127.0.0.1:5062") == ABUSE_SIP_DENIED,
	      "a gateway given by name (localhost) is denied by its address");
	CHECK(abuse_check_softphone("sip:alice@10.0.0.7") == ABUSE_OK,
	      "with Call.SoftphoneLocal a private address is allowed");
	config_free();
	return check_done();
}
