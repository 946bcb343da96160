/* test_dialer.c: unit tests of the dialer's pure parts: G.711, RTP
 * parsing, SDP, outcome codes and the gatekeeper's choice. */
#include <string.h>

#include "../unit/check.h"
#include "../../sbin/dialerd/g711.h"
#include "../../sbin/dialerd/gatekeeper.h"
#include "../../sbin/dialerd/outcome.h"
#include "../../sbin/dialerd/rtp.h"
#include "../../sbin/dialerd/sdp.h"

static void test_g711(void)
{
	int worst_u = 0, worst_a = 0;
	for (int v = -32000; v <= 32000; v += 7) {
		int du = g711_ulaw_decode(g711_ulaw_encode((int16_t)v)) - v;
		int da = g711_alaw_decode(g711_alaw_encode((int16_t)v)) - v;
		du = du < 0 ? -du : du;
		da = da < 0 ? -da : da;
		/* quantisation error stays within a step of the segment */
		int lim = (v < 0 ? -v : v) / 16 + 16;
		if (du > lim)
			worst_u++;
		if (da > lim)
			worst_a++;
	}
	CHECK(worst_u == 0, "u-law round trip stays within one step");
	CHECK(worst_a == 0, "A-law round trip stays within one step");
	CHECK(g711_ulaw_encode(0) == 0xff, "u-law silence is 0xff");
	CHECK(g711_alaw_encode(0) == 0xd5, "A-law silence is 0xd5");
	for (int c = 0; c < 256; c++)
		if (g711_ulaw_encode(g711_ulaw_decode((uint8_t)c)) != c && c != 0x7f) {
			CHECK(0, "u-law code %d survives decode+encode", c);
			break;
		}
}

static void test_rtp(void)
{
	uint8_t pkt[] = {0x80, 0xe5, 0x12, 0x34, 0, 0, 0x01, 0x00, 0xde, 0xad, 0xbe, 0xef,
			 0x0a, 0x80, 0x03, 0x20};
	struct rtp_packet p;
	CHECK(rtp_parse(pkt, sizeof pkt, &p) == 0, "RTP packet parses");
	CHECK(p.pt == 101 && p.marker == 1 && p.seq == 0x1234 && p.ts == 256 &&
		      p.ssrc == 0xdeadbeef && p.len == 4 && p.payload[0] == 10,
	      "RTP header fields are read");
	CHECK(rtp_parse(pkt, 11, &p) < 0, "short packet refused");
	pkt[0] = 0x40;
	CHECK(rtp_parse(pkt, sizeof pkt, &p) < 0, "version 1 refused");
	pkt[0] = 0x8f; /* 15 CSRCs, none present */
	CHECK(rtp_parse(pkt, sizeof pkt, &p) < 0, "CSRC count past the end refused");
	pkt[0] = 0xa0;
	pkt[15] = 200; /* padding longer than the packet */
	CHECK(rtp_parse(pkt, sizeof pkt, &p) < 0, "oversized padding refused");
}

static void test_sdp(void)
{
	char buf[1024];
	struct sdp_answer a;
	CHECK(sdp_offer(buf, sizeof buf, "127.0.0.1", 20000, 1) > 0, "offer written");
	CHECK(strstr(buf, "m=audio 20000 RTP/AVP 0 8 101") != NULL, "offer lists G.711 and events");
	const char *ans = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
			  "m=audio 6000 RTP/AVP 8 96\r\na=rtpmap:8 PCMA/8000\r\n"
			  "a=rtpmap:96 telephone-event/8000\r\n";
	CHECK(sdp_answer_parse(ans, strlen(ans), &a) == 0, "answer parses");
	CHECK(!strcmp(a.addr, "127.0.0.2") && a.port == 6000 && a.pt == 8 && a.te_pt == 96,
	      "answer address, codec and event PT");
	const char *bad = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\n"
			  "m=audio 6000 RTP/AVP 18\r\n";
	CHECK(sdp_answer_parse(bad, strlen(bad), &a) < 0, "answer without G.711 refused");
	CHECK(sdp_answer_parse("garbage", 7, &a) < 0, "garbage refused");
}

static void test_outcome(void)
{
	CHECK_STR(outcome_of_status(486, 1), "busy", "486 is busy");
	CHECK_STR(outcome_of_status(603, 1), "rejected", "603 is rejected");
	CHECK_STR(outcome_of_status(404, 1), "invalid_number", "404 is invalid_number");
	CHECK_STR(outcome_of_status(503, 1), "congestion", "503 from the peer is congestion");
	CHECK_STR(outcome_of_status(503, 0), "unreachable", "local 503 is unreachable");
	CHECK_STR(outcome_of_status(408, 0), "unreachable", "local timeout is unreachable");
	CHECK(outcome_is_failover(503) && outcome_is_failover(408) && outcome_is_failover(500),
	      "408/5xx fail over");
	CHECK(!outcome_is_failover(486) && !outcome_is_failover(603) && !outcome_is_failover(404),
	      "486/603/404 never fail over");
	CHECK(outcome_q850_of_status(486) == 17 && outcome_q850_of_status(404) == 1,
	      "Q.850 causes of busy and unallocated");
}

static void test_gatekeeper(void)
{
	struct settings s;
	struct gatekeeper gk;
	memset(&s, 0, sizeof s);
	memset(&gk, 0, sizeof gk);
	s.ngateways = 3;
	s.probe_down_after = 2;
	s.probe_up_after = 2;
	const char *names[] = {"cheap", "dear", "mobile"};
	for (int i = 0; i < 3; i++) {
		strcpy(s.gateways[i].name, names[i]);
		strcpy(s.gateways[i].host, "127.0.0.1");
		s.gateways[i].port = 5000 + i;
		s.gateways[i].channels = 1;
	}
	s.gateways[0].nprefixes = 1;
	strcpy(s.gateways[0].prefixes[0].prefix, "02");
	s.gateways[0].prefixes[0].cost = 5;
	s.gateways[1].nprefixes = 1;
	s.gateways[1].prefixes[0].cost = 30; /* "" = every number */
	s.gateways[2].nprefixes = 2;
	strcpy(s.gateways[2].prefixes[0].prefix, "010");
	s.gateways[2].prefixes[0].cost = 8;
	s.gateways[2].prefixes[1].cost = 50;
	gk_configure(&gk, &s);
	CHECK(gk_pick(&gk, "0212345678", 0) == &gk.gw[0], "least cost for 02");
	CHECK(gk_pick(&gk, "01012345678", 0) == &gk.gw[2], "longest prefix cost for 010");
	CHECK(gk_pick(&gk, "0311112222", 0) == &gk.gw[1], "catch-all for other numbers");
	CHECK(gk_pick(&gk, "0212345678", 1) == &gk.gw[1], "skips a tried gateway");
	gk.gw[0].used = 1;
	CHECK(gk_pick(&gk, "0212345678", 0) == &gk.gw[1], "skips a full gateway");
	gk.gw[0].used = 0;
	gk_probe_result(&gk, &gk.gw[0], 408);
	CHECK(gk.gw[0].alive, "one failed probe keeps it up (hysteresis)");
	gk_probe_result(&gk, &gk.gw[0], 408);
	CHECK(!gk.gw[0].alive, "two failed probes take it down");
	CHECK(gk_pick(&gk, "0212345678", 0) == &gk.gw[1], "a dead gateway is skipped");
	gk_probe_result(&gk, &gk.gw[0], 200);
	CHECK(!gk.gw[0].alive, "one good probe is not enough");
	gk_probe_result(&gk, &gk.gw[0], 200);
	CHECK(gk.gw[0].alive, "two good probes bring it back");
}

int main(void)
{
	test_g711();
	test_rtp();
	test_sdp();
	test_outcome();
	test_gatekeeper();
	return check_done();
}
