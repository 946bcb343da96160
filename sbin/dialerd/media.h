/* media.h: the RTP side of a leg: prompts and tones out, DTMF in, relay. */
#ifndef DIALERD_MEDIA_H
#define DIALERD_MEDIA_H
#include "call.h"
#include "sdp.h"

struct dialer;

/* Opens the leg's RTP port and joins the event loop. 0 or -1. */
int media_open(struct dialer *d, struct leg *l);
void media_close(struct dialer *d, struct leg *l);
/* Points the leg's RTP at the answer's address and codec. 0 or -1. */
int media_connect(struct leg *l, const struct sdp_answer *a);
/* Plays t to the leg loops times (-1: forever); NULL plays nothing. */
void media_play(struct leg *l, enum leg_audio audio, const struct tone *t, int loops);
/* Starts or stops in-band DTMF detection on the leg. */
void media_detect_inband(struct leg *l, int on);
/* Starts/stops the 20 ms clock that feeds prompts and tones. */
int media_start_clock(struct dialer *d);
void media_stop_clock(struct dialer *d);

#endif
