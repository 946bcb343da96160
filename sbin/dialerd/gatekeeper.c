/* gatekeeper.c: gateway table, least-cost choice and probe hysteresis. */
#include "gatekeeper.h"

#include <stdio.h>
#include <string.h>

#include "log.h"

void gk_configure(struct gatekeeper *gk, const struct settings *s)
{
	struct gatekeeper old = *gk;
	gk->n = s->ngateways;
	gk->down_after = s->probe_down_after;
	gk->up_after = s->probe_up_after;
	for (int i = 0; i < gk->n; i++) {
		struct gateway *g = &gk->gw[i];
		memset(g, 0, sizeof *g);
		g->conf = s->gateways[i];
		g->index = i;
		g->alive = 1; /* until probes say otherwise */
		for (int j = 0; j < old.n; j++)
			if (!strcmp(old.gw[j].conf.name, g->conf.name)) {
				g->alive = old.gw[j].alive;
				g->used = old.gw[j].used;
			}
	}
}

long gk_cost(const struct gateway *g, const char *number)
{
	long best = -1;
	size_t best_len = 0;
	for (int i = 0; i < g->conf.nprefixes; i++) {
		const char *p = g->conf.prefixes[i].prefix;
		size_t n = strlen(p);
		if (strncmp(number, p, n) == 0 && (best < 0 || n > best_len)) {
			best = g->conf.prefixes[i].cost;
			best_len = n;
		}
	}
	return best;
}

struct gateway *gk_pick(struct gatekeeper *gk, const char *number, unsigned tried)
{
	struct gateway *best = NULL;
	long best_cost = 0;
	for (int i = 0; i < gk->n; i++) {
		struct gateway *g = &gk->gw[i];
		long cost = gk_cost(g, number);
		if ((tried >> i) & 1 || !g->alive || g->used >= g->conf.channels || cost < 0)
			continue;
		if (!best || cost < best_cost) {
			best = g;
			best_cost = cost;
		}
	}
	return best;
}

void gk_probe_result(struct gatekeeper *gk, struct gateway *g, int status)
{
	int ok = status >= 200 && status != 408 && status != 503 && status < 600;
	if (ok) {
		g->fails = 0;
		if (!g->alive && ++g->oks >= gk->up_after) {
			g->alive = 1;
			log_info("gateway %s up", g->conf.name);
		}
	} else {
		g->oks = 0;
		if (g->alive && ++g->fails >= gk->down_after) {
			g->alive = 0;
			log_warn("gateway %s down (probe status %d)", g->conf.name, status);
		}
	}
}

void gk_describe(const struct gatekeeper *gk, char *buf, size_t len)
{
	size_t off = 0;
	buf[0] = '\0';
	for (int i = 0; i < gk->n && off < len; i++) {
		const struct gateway *g = &gk->gw[i];
		int n = snprintf(buf + off, len - off, "%sgw%d=%s:%s:%d/%d", i ? " " : "", i,
				 g->conf.name, g->alive ? "up" : "down", g->used, g->conf.channels);
		if (n < 0)
			break;
		off += (size_t)n;
	}
}
