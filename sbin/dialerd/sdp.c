/* sdp.c: build our SDP offer; read the remote RTP address and codec. */
#include "sdp.h"

#include <stdio.h>
#include <string.h>

#include "sofia.h"
#include <sofia-sip/su_alloc.h>

#define TE_PT 101

int sdp_offer(char *buf, size_t len, const char *addr, int port, unsigned long session)
{
	int n = snprintf(buf, len,
			 "v=0\r\n"
			 "o=callcard %lu 1 IN IP4 %s\r\n"
			 "s=callcard\r\n"
			 "c=IN IP4 %s\r\n"
			 "t=0 0\r\n"
			 "m=audio %d RTP/AVP 0 8 %d\r\n"
			 "a=rtpmap:0 PCMU/8000\r\n"
			 "a=rtpmap:8 PCMA/8000\r\n"
			 "a=rtpmap:%d telephone-event/8000\r\n"
			 "a=fmtp:%d 0-16\r\n"
			 "a=ptime:20\r\n"
			 "a=sendrecv\r\n",
			 session, addr, addr, port, TE_PT, TE_PT, TE_PT);
	return (n < 0 || (size_t)n >= len) ? -1 : n;
}

int sdp_current(char *buf, size_t len, const char *addr, int port, unsigned long session, int pt,
		int te_pt)
{
	char te[96] = "", fmt[16] = "";
	if (te_pt >= 0) {
		snprintf(fmt, sizeof fmt, " %d", te_pt);
		snprintf(te, sizeof te, "a=rtpmap:%d telephone-event/8000\r\na=fmtp:%d 0-16\r\n", te_pt,
			 te_pt);
	}
	int n = snprintf(buf, len,
			 "v=0\r\n"
			 "o=callcard %lu 2 IN IP4 %s\r\n"
			 "s=callcard\r\n"
			 "c=IN IP4 %s\r\n"
			 "t=0 0\r\n"
			 "m=audio %d RTP/AVP %d%s\r\n"
			 "a=rtpmap:%d %s/8000\r\n"
			 "%s"
			 "a=ptime:20\r\n"
			 "a=sendrecv\r\n",
			 session, addr, addr, port, pt, fmt, pt, pt == 8 ? "PCMA" : "PCMU", te);
	return (n < 0 || (size_t)n >= len) ? -1 : n;
}

static int read_media(sdp_session_t *sess, struct sdp_answer *out)
{
	sdp_media_t *m;
	for (m = sess->sdp_media; m; m = m->m_next)
		if (m->m_type == sdp_media_audio && m->m_proto == sdp_proto_rtp)
			break;
	if (!m)
		return -1;
	sdp_connection_t *c = m->m_connections ? m->m_connections : sess->sdp_connection;
	if (!c || c->c_addrtype != sdp_addr_ip4 || !c->c_address ||
	    strlen(c->c_address) >= sizeof out->addr)
		return -1;
	snprintf(out->addr, sizeof out->addr, "%s", c->c_address);
	out->port = (int)m->m_port;
	out->pt = -1;
	out->te_pt = -1;
	for (sdp_rtpmap_t *rm = m->m_rtpmaps; rm; rm = rm->rm_next) {
		if (out->pt < 0 && (rm->rm_pt == 0 || rm->rm_pt == 8))
			out->pt = (int)rm->rm_pt;
		else if (out->te_pt < 0 && rm->rm_encoding &&
			 !strcasecmp(rm->rm_encoding, "telephone-event"))
			out->te_pt = (int)rm->rm_pt;
	}
	if (out->port <= 0 || out->port > 65535 || out->pt < 0)
		return -1;
	return 0;
}

int sdp_answer_parse(const char *body, size_t len, struct sdp_answer *out)
{
	su_home_t *home = su_home_new(sizeof(su_home_t));
	if (!home)
		return -1;
	sdp_parser_t *p = sdp_parse(home, body, (issize_t)len, 0);
	sdp_session_t *sess = sdp_session(p);
	int rc = sess ? read_media(sess, out) : -1;
	sdp_parser_free(p);
	su_home_unref(home);
	return rc;
}
