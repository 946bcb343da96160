/* media.c: per-leg RTP handling in the event loop.
 *
 * Not bridged, a leg hears what media_play() set (prompt, ringback,
 * warning, else silence), paced by one 20 ms clock for all legs. Bridged,
 * each packet from one leg is sent on to the other at once with that
 * leg's own SSRC, sequence and timestamp, transcoded when the legs use
 * different G.711 laws. RFC 4733 events and (optionally) in-band tones
 * are reported to the order as digits. */
#include "media.h"

#include <errno.h>
#include <spandsp.h>
#include <string.h>
#include <sys/socket.h>

#include "dialer.h"
#include "g711.h"
#include "order.h"
#include "recorder.h"

static int leg_bridged(const struct leg *l)
{
	const struct order *o = l->order;
	return o->a.phase == LEG_UP && o->b.phase == LEG_UP && o->b.t_bridge;
}

static struct leg *other_leg(struct leg *l)
{
	return l->role == 'A' ? &l->order->b : &l->order->a;
}

static void inband_digits(void *arg, const char *digits, int len)
{
	struct leg *l = arg;
	for (int i = 0; i < len; i++)
		order_on_digit(l->order, l, digits[i]);
}

void media_detect_inband(struct leg *l, int on)
{
	if (on && !l->dtmf_rx) {
		l->dtmf_rx = dtmf_rx_init(NULL, inband_digits, l);
	} else if (!on && l->dtmf_rx) {
		if (l->dtmf_rx_busy) { /* called from its own digit callback */
			l->dtmf_rx_stop = 1;
			return;
		}
		dtmf_rx_free(l->dtmf_rx);
		l->dtmf_rx = NULL;
	}
	l->dtmf_rx_stop = 0;
}

static void feed_inband(struct leg *l, const struct rtp_packet *p)
{
	int16_t lin[512];
	g711_unpack(p->pt, p->payload, lin, p->len);
	l->dtmf_rx_busy = 1;
	dtmf_rx(l->dtmf_rx, lin, (int)p->len);
	l->dtmf_rx_busy = 0;
	if (l->dtmf_rx_stop)
		media_detect_inband(l, 0);
}

/* RFC 4733: event, E bit, volume, duration. The end packet comes three
 * times with the same timestamp: report the digit once per timestamp. */
static void on_event(struct leg *l, const struct rtp_packet *p)
{
	static const char digits[] = "0123456789*#ABCD";
	if (p->len < 4 || p->payload[0] > 15)
		return;
	if (l->have_event_ts && l->last_event_ts == p->ts)
		return;
	l->have_event_ts = 1;
	l->last_event_ts = p->ts;
	order_on_digit(l->order, l, digits[p->payload[0]]);
}

static void relay(struct leg *from, const struct rtp_packet *p)
{
	struct leg *to = other_leg(from);
	uint8_t out[512];
	int16_t lin[512];
	size_t n = p->len > sizeof out ? sizeof out : p->len;
	uint32_t step = RTP_FRAME;
	if (from->relay_have_ts) {
		uint32_t d = p->ts - from->relay_last_in_ts;
		if (d > 0 && d <= 8000)
			step = d;
	}
	from->relay_have_ts = 1;
	from->relay_last_in_ts = p->ts;
	g711_unpack(p->pt, p->payload, lin, n);
	recorder_write(from->order, from->role, lin, n);
	if (to->audio != AUDIO_NONE)
		return; /* a tone is playing to that side */
	if (p->pt == to->rtp.pt)
		memcpy(out, p->payload, n);
	else
		g711_pack(to->rtp.pt, lin, out, n);
	rtp_send(&to->rtp, to->rtp.pt, p->marker, out, n, step);
}

static int on_readable(struct dialer *d, su_wait_t *w, void *arg)
{
	struct leg *l = arg;
	uint8_t buf[1500];
	(void)d;
	(void)w;
	for (int i = 0; i < 16; i++) {
		struct sockaddr_in from;
		socklen_t flen = sizeof from;
		ssize_t r = recvfrom(l->rtp.fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
		if (r < 0)
			break;
		/* Only the host the leg's SDP named may talk on this port (any
		 * source port: some gateways send from another one). */
		if (!l->rtp.have_remote || from.sin_family != AF_INET ||
		    from.sin_addr.s_addr != l->rtp.remote.sin_addr.s_addr)
			continue;
		struct rtp_packet p;
		if (rtp_parse(buf, (size_t)r, &p) < 0)
			continue;
		l->rtp.received++;
		l->last_rx_ms = mono_ms();
		if (l->rtp.te_pt >= 0 && p.pt == l->rtp.te_pt) {
			on_event(l, &p);
			continue;
		}
		if (p.pt != PT_PCMU && p.pt != PT_PCMA)
			continue;
		if (l->dtmf_rx && p.len <= 512)
			feed_inband(l, &p);
		if (leg_bridged(l))
			relay(l, &p);
		if (l->phase == LEG_DONE || l->rtp.fd < 0)
			break; /* the order may have ended on a digit */
	}
	return 0;
}

int media_open(struct dialer *d, struct leg *l)
{
	if (rtp_open(&l->rtp, d->set.sip_addr, d->set.rtp_min, d->set.rtp_max) < 0)
		return -1;
	if (su_wait_create(&l->wait, l->rtp.fd, SU_WAIT_IN) < 0 ||
	    su_root_register(d->root, &l->wait, on_readable, l, 0) < 0) {
		su_wait_destroy(&l->wait);
		rtp_close(&l->rtp);
		return -1;
	}
	l->rtp_registered = 1;
	l->audio = AUDIO_NONE;
	return 0;
}

void media_close(struct dialer *d, struct leg *l)
{
	if (l->rtp_registered) {
		su_root_unregister(d->root, &l->wait, on_readable, l);
		su_wait_destroy(&l->wait);
		l->rtp_registered = 0;
	}
	media_detect_inband(l, 0);
	rtp_close(&l->rtp);
	l->audio = AUDIO_NONE;
}

int media_connect(struct leg *l, const struct sdp_answer *a)
{
	return rtp_set_remote(&l->rtp, a->addr, a->port, a->pt, a->te_pt);
}

void media_play(struct leg *l, enum leg_audio audio, const struct tone *t, int loops)
{
	l->audio = t ? audio : AUDIO_NONE;
	l->tone = t;
	l->tone_pos = 0;
	l->tone_loops = loops;
}

/* One 20 ms frame of the leg's tone (or silence) to the leg. */
static void feed_leg(struct dialer *d, struct leg *l)
{
	int16_t frame[RTP_FRAME];
	uint8_t out[RTP_FRAME];
	if (l->phase != LEG_UP || !l->rtp.have_remote)
		return;
	if (l->audio == AUDIO_NONE) {
		if (leg_bridged(l))
			return;
		memset(frame, 0, sizeof frame);
	} else {
		const struct tone *t = l->tone;
		for (size_t i = 0; i < RTP_FRAME; i++) {
			if (l->tone_pos >= t->n) {
				l->tone_pos = 0;
				if (l->tone_loops > 0 && --l->tone_loops == 0) {
					memset(frame + i, 0, (RTP_FRAME - i) * sizeof *frame);
					media_play(l, AUDIO_NONE, NULL, 0);
					break;
				}
			}
			frame[i] = t->samples[l->tone_pos++];
		}
	}
	(void)d;
	g711_pack(l->rtp.pt, frame, out, RTP_FRAME);
	rtp_send(&l->rtp, l->rtp.pt, 0, out, RTP_FRAME, RTP_FRAME);
}

static void on_tick(struct dialer *d, su_timer_t *t, void *arg)
{
	(void)t;
	(void)arg;
	for (struct order *o = d->orders; o; o = o->next) {
		feed_leg(d, &o->a);
		feed_leg(d, &o->b);
	}
}

int media_start_clock(struct dialer *d)
{
	d->media_tick = su_timer_create(su_root_task(d->root), 20);
	return d->media_tick ? su_timer_set_for_ever(d->media_tick, on_tick, NULL) : -1;
}

void media_stop_clock(struct dialer *d)
{
	if (d->media_tick)
		su_timer_destroy(d->media_tick);
	d->media_tick = NULL;
}
