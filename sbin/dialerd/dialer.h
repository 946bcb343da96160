/* dialer.h: the daemon's context, shared by its modules. */
#ifndef DIALERD_DIALER_H
#define DIALERD_DIALER_H
#include "call.h"
#include "gatekeeper.h"
#include "settings.h"
#include "tones.h"

struct dialer {
	su_root_t *root;
	nua_t *nua;
	struct settings set;
	struct gatekeeper gk;
	struct tones tones;
	struct order *orders;
	int norders;
	su_timer_t *media_tick;    /* 20 ms: prompts, ringback, tones */
	int draining;              /* SIGTERM: no new orders */
	int64_t drain_deadline;
	int shutting_down;
	int store_ok;              /* database open */
	unsigned long session_counter;
};

#endif
