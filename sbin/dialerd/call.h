/* call.h: an order in progress and its two legs (owner A, recipient B). */
#ifndef DIALERD_CALL_H
#define DIALERD_CALL_H
#include <stdint.h>

#include "order_proto.h"
#include "rtp.h"
#include "sofia.h"

struct gateway;
struct tone;

enum leg_phase {
	LEG_IDLE,     /* not dialed (yet) */
	LEG_CALLING,  /* INVITE sent */
	LEG_RINGING,  /* 180 (or 183: early media is not an answer) */
	LEG_UP,       /* 200 OK, media up */
	LEG_ENDING,   /* CANCEL or BYE sent, waiting for the dialog to end */
	LEG_DONE      /* handle gone; outcome set */
};

/* What a leg hears while it is not bridged. */
enum leg_audio { AUDIO_NONE, AUDIO_PROMPT, AUDIO_RINGBACK, AUDIO_WARNING };

struct leg {
	struct order *order;
	char role;                 /* 'A' owner, 'B' recipient */
	nua_handle_t *nh;
	enum leg_phase phase;
	char target[ORDER_DEST_MAX + 1]; /* number, or sip: URI */
	char uri[ORDER_DEST_MAX + 80];   /* request URI as dialed */
	struct gateway *gw;        /* holds one of its channels while set */
	char gw_name[32];          /* last gateway tried, for the CDR */
	unsigned gw_tried;         /* bit per gateway index */
	/* outcome: set once, when the leg ends */
	const char *outcome;       /* NULL until known */
	int status;                /* final SIP status (0: none) */
	int q850;
	const char *end_by;        /* "remote", "dialer" */
	int64_t t_invite, t_ring, t_answer, t_accept, t_bridge, t_end; /* unix ms */
	unsigned long sdp_session; /* o= session id of our SDP */
	int invite_via_stored;     /* the INVITE's Via is in the store (for CANCEL) */
	/* media */
	struct rtp_endpoint rtp;
	int rtp_registered;
	su_wait_t wait;
	enum leg_audio audio;
	const struct tone *tone;
	size_t tone_pos;
	int tone_loops;            /* plays left, -1 forever */
	uint32_t last_event_ts;    /* RFC 4733 dedupe */
	int have_event_ts;
	int64_t last_rx_ms;        /* last RTP packet from the leg (mono_ms) */
	int64_t bridge_mono_ms;    /* when the legs were joined (mono_ms) */
	uint32_t relay_last_in_ts;
	int relay_have_ts;
	void *dtmf_rx;             /* spandsp in-band detector */
	int dtmf_rx_busy;          /* inside dtmf_rx(): free it afterwards */
	int dtmf_rx_stop;
};

enum order_flags { ORDER_CANCELLED = 1, ORDER_CREDIT_CUT = 2, ORDER_DRAINED = 4 };

struct order {
	struct order *next;
	struct dialer *d;
	struct order_req req;
	const char *state;         /* last state written */
	const char *cause;         /* set when the order is decided */
	uint32_t seq;              /* last event sequence number */
	struct leg a, b;
	int a_attempt;             /* 0: owner, 1: owner_alt */
	char a1_target[ORDER_DEST_MAX + 1]; /* the first attempt, when it failed */
	const char *a1_outcome;
	int a1_status;
	int64_t a_first_invite;    /* T1 start of the first attempt */
	int confirm_left;          /* prompt repeats left */
	int flags;
	int ended;
	su_timer_t *timer;         /* confirm / credit timers */
	su_timer_t *ring_timer;    /* ring timeout of the leg being dialed */
	void *recorder;            /* SNDFILE * when recording */
	char record_path[512];
};

int64_t now_ms(void);
int64_t mono_ms(void); /* monotonic: for timeouts only */

#endif
