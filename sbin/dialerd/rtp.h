/* rtp.h: one RTP endpoint (UDP socket) of a leg: send and parse packets. */
#ifndef DIALERD_RTP_H
#define DIALERD_RTP_H
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define RTP_FRAME 160 /* samples per 20 ms at 8 kHz */

struct rtp_endpoint {
	int fd;               /* -1 when closed */
	int port;
	struct sockaddr_in remote;
	int have_remote;
	int pt, te_pt;        /* negotiated audio and telephone-event PT */
	uint32_t ssrc;        /* ours: rewritten on every packet we send */
	uint16_t seq;
	uint32_t ts;
	unsigned long sent, received;
};

struct rtp_packet {
	int pt;
	int marker;
	uint16_t seq;
	uint32_t ts;
	uint32_t ssrc;
	const uint8_t *payload;
	size_t len;
};

/* Binds a UDP socket on addr at an even port in [min, max]; 0 or -1. */
int rtp_open(struct rtp_endpoint *e, const char *addr, int min, int max);
void rtp_close(struct rtp_endpoint *e);
/* Sets where packets go; 0 or -1 for a bad address. */
int rtp_set_remote(struct rtp_endpoint *e, const char *addr, int port, int pt, int te_pt);
/* Sends one packet with our SSRC/sequence; ts_step is added to our
 * timestamp after the packet (0 for repeated event packets). */
void rtp_send(struct rtp_endpoint *e, int pt, int marker, const uint8_t *payload, size_t len,
	      uint32_t ts_step);
/* Parses buf into p; 0, or -1 for anything that is not plain RTP v2. */
int rtp_parse(const uint8_t *buf, size_t len, struct rtp_packet *p);

#endif
