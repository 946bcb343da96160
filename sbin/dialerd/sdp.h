/* sdp.h: the dialer's SDP offer and the parts of an answer it uses. */
#ifndef DIALERD_SDP_H
#define DIALERD_SDP_H
#include <stddef.h>

struct sdp_answer {
	char addr[64];  /* connection address (IPv4) */
	int port;       /* 0: media refused */
	int pt;         /* chosen audio payload type: 0 (PCMU) or 8 (PCMA) */
	int te_pt;      /* telephone-event payload type, -1 when absent */
};

/* Writes our offer (PCMU, PCMA, telephone-event/101) into buf. */
int sdp_offer(char *buf, size_t len, const char *addr, int port, unsigned long session);

/* Our side of a session already set up, for a re-INVITE from the far end
 * (refresh, new address): the one audio codec in use (pt) and, when
 * te_pt >= 0, telephone-event. Version 2 of the session. */
int sdp_current(char *buf, size_t len, const char *addr, int port, unsigned long session, int pt,
		int te_pt);

/* Parses an answer (or the offer of a re-INVITE); 0 on success, -1 when
 * unusable (no audio, no G.711, not IPv4). */
int sdp_answer_parse(const char *body, size_t len, struct sdp_answer *out);

#endif
