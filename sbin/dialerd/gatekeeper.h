/* gatekeeper.h: pick a gateway per leg: alive, free channel, least cost. */
#ifndef DIALERD_GATEKEEPER_H
#define DIALERD_GATEKEEPER_H
#include "settings.h"
#include "sofia.h"

struct gateway {
	struct gateway_conf conf;
	int index;
	int alive;
	int fails, oks;       /* consecutive probe results (hysteresis) */
	int used;             /* channels in use */
	nua_handle_t *probe;  /* OPTIONS in flight */
};

struct gatekeeper {
	struct gateway gw[GW_MAX];
	int n;
	int down_after, up_after;
};

/* Builds the gateway table from settings; keeps liveness of gateways that
 * keep their name (reload). */
void gk_configure(struct gatekeeper *gk, const struct settings *s);
/* Least-cost alive gateway with a free channel serving number, skipping
 * those whose bit is set in tried. NULL when none. */
struct gateway *gk_pick(struct gatekeeper *gk, const char *number, unsigned tried);
/* Cost per minute of number on g, -1 when g does not serve it. */
long gk_cost(const struct gateway *g, const char *number);
/* A probe answer (status: SIP status, 408/503 for no answer). */
void gk_probe_result(struct gatekeeper *gk, struct gateway *g, int status);
/* Writes "name:alive:used/channels" items for the GATEWAYS reply. */
void gk_describe(const struct gatekeeper *gk, char *buf, size_t len);

#endif
