/* rtp.c: RTP over UDP, written by hand: a fixed 12-byte header, G.711 and
 * telephone-event only, one packet per 20 ms; no library needed for that. */
#include "rtp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

static int next_port;

int rtp_open(struct rtp_endpoint *e, const char *addr, int min, int max)
{
	memset(e, 0, sizeof *e);
	e->fd = -1;
	struct sockaddr_in sa = {.sin_family = AF_INET};
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		return -1;
	min += min & 1;
	int span = (max - min) / 2;
	if (span <= 0)
		return -1;
	for (int i = 0; i < span; i++) {
		int port = min + 2 * ((next_port + i) % span);
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -1;
		sa.sin_port = htons((uint16_t)port);
		if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
			next_port = (next_port + i + 1) % span;
			e->fd = fd;
			e->port = port;
			uint32_t rnd[3];
			if (getrandom(rnd, sizeof rnd, GRND_NONBLOCK) != sizeof rnd)
				rnd[0] = (uint32_t)random(), rnd[1] = (uint32_t)random(),
				rnd[2] = (uint32_t)random();
			e->ssrc = rnd[0];
			e->seq = (uint16_t)rnd[1];
			e->ts = rnd[2];
			e->pt = e->te_pt = -1;
			return 0;
		}
		close(fd);
	}
	return -1;
}

void rtp_close(struct rtp_endpoint *e)
{
	if (e->fd >= 0)
		close(e->fd);
	e->fd = -1;
	e->have_remote = 0;
}

int rtp_set_remote(struct rtp_endpoint *e, const char *addr, int port, int pt, int te_pt)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		return -1;
	e->remote = sa;
	e->have_remote = 1;
	e->pt = pt;
	e->te_pt = te_pt;
	return 0;
}

void rtp_send(struct rtp_endpoint *e, int pt, int marker, const uint8_t *payload, size_t len,
	      uint32_t ts_step)
{
	uint8_t buf[12 + 512];
	if (e->fd < 0 || !e->have_remote || len > 512)
		return;
	buf[0] = 0x80;
	buf[1] = (uint8_t)((marker ? 0x80 : 0) | (pt & 0x7f));
	buf[2] = (uint8_t)(e->seq >> 8);
	buf[3] = (uint8_t)e->seq;
	uint32_t v[2] = {htonl(e->ts), htonl(e->ssrc)};
	memcpy(buf + 4, v, 8);
	memcpy(buf + 12, payload, len);
	if (sendto(e->fd, buf, 12 + len, 0, (struct sockaddr *)&e->remote, sizeof e->remote) >= 0)
		e->sent++;
	e->seq++;
	e->ts += ts_step;
}

int rtp_parse(const uint8_t *buf, size_t len, struct rtp_packet *p)
{
	if (len < 12 || (buf[0] >> 6) != 2)
		return -1;
	size_t off = 12 + 4 * (size_t)(buf[0] & 0x0f);
	if (buf[0] & 0x10) { /* header extension */
		if (len < off + 4)
			return -1;
		off += 4 + 4 * (size_t)((buf[off + 2] << 8) | buf[off + 3]);
	}
	size_t pad = (buf[0] & 0x20) ? buf[len - 1] : 0;
	if (len < off + pad)
		return -1;
	p->marker = buf[1] >> 7;
	p->pt = buf[1] & 0x7f;
	p->seq = (uint16_t)((buf[2] << 8) | buf[3]);
	uint32_t v[2];
	memcpy(v, buf + 4, 8);
	p->ts = ntohl(v[0]);
	p->ssrc = ntohl(v[1]);
	p->payload = buf + off;
	p->len = len - off - pad;
	return 0;
}
