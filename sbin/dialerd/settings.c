/* settings.c: read and check Dialer.* and Gateways.<name>.* from the HDF.
 *
 * Keys (defaults run everything on loopback):
 *   Dialer.SIPAddress 127.0.0.1     Dialer.SIPPort 5060
 *   Dialer.RTPPortMin 20000         Dialer.RTPPortMax 29999
 *   Dialer.RingTimeoutMs 30000      Dialer.ConfirmTimeoutMs 5000
 *   Dialer.ConfirmRepeats 3         Dialer.WarningSeconds 30
 *   Dialer.DrainSeconds 60          Dialer.ProbeIntervalMs 10000
 *   Dialer.ProbeDownAfter 3         Dialer.ProbeUpAfter 2
 *   Dialer.MaxOrders 1000           Dialer.AllowUids "" (own uid and root
 *   always)                         Dialer.Prompts, Dialer.Records (paths)
 *   Dialer.SessionExpires 1800      Dialer.MinSE 90 (RFC 4028, seconds)
 *   Dialer.SessionRefresh auto (update, invite)
 *   Dialer.SIPTimeoutMs 32000       Dialer.MediaTimeoutMs 60000 (0: off)
 *   Dialer.RecoverWaitMs 4000
 *   Gateways.<name>.Address host:port  .Channels 30  .Probe 1 (OPTIONS)
 *   Gateways.<name>.Prefixes "010:12,02:8,*:30" (prefix:cost per minute)
 * Without any gateway a single "local" gateway at 127.0.0.1:5080 serves
 * every number. */
#include "settings.h"

#include <ClearSilver.h>
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#ifndef DIALER_PROMPTS
#define DIALER_PROMPTS CC_DATADIR "/build/prompts"
#endif

static int int_key(HDF *h, const char *key, long def, long min, long max, int *out, char *err,
		   size_t errlen)
{
	const char *v = hdf_get_value(h, key, NULL);
	if (!v) {
		*out = (int)def;
		return 0;
	}
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < min || n > max) {
		snprintf(err, errlen, "%s = %s: must be a whole number in %ld..%ld", key, v, min, max);
		return -1;
	}
	*out = (int)n;
	return 0;
}

static int text_key(HDF *h, const char *key, const char *def, char *out, size_t outlen,
		    char *err, size_t errlen)
{
	const char *v = hdf_get_value(h, key, def);
	if (!*v || strlen(v) >= outlen || strpbrk(v, " \t\r\n\"<>;")) {
		snprintf(err, errlen, "%s = %s: must be 1..%zu characters without spaces or quotes",
			 key, v, outlen - 1);
		return -1;
	}
	snprintf(out, outlen, "%s", v);
	return 0;
}

/* A path key; relative paths (and defaults) are under the state directory. */
static void path_key(HDF *h, const char *key, const char *def, char *out, size_t outlen)
{
	const char *v = hdf_get_value(h, key, def);
	const char *state = getenv("CALLCARD_STATE");
	if (v[0] == '/')
		snprintf(out, outlen, "%s", v);
	else
		snprintf(out, outlen, "%s/%s", state && *state ? state : CC_STATEDIR, v);
}

/* "host:port" with a plain host name or IPv4 address. */
static int parse_address(const char *key, const char *v, struct gateway_conf *g, char *err,
			 size_t errlen)
{
	const char *colon = strrchr(v, ':');
	size_t hlen = colon ? (size_t)(colon - v) : strlen(v);
	char *end = NULL;
	long port = colon ? strtol(colon + 1, &end, 10) : 5060;
	int bad = hlen == 0 || hlen >= sizeof g->host || (colon && (!colon[1] || *end)) ||
		  port < 1 || port > 65535;
	for (size_t i = 0; !bad && i < hlen; i++)
		bad = !(v[i] == '.' || v[i] == '-' || (v[i] >= '0' && v[i] <= '9') ||
			(v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z'));
	if (bad) {
		snprintf(err, errlen, "%s = %s: must be host:port", key, v);
		return -1;
	}
	memcpy(g->host, v, hlen);
	g->host[hlen] = '\0';
	g->port = (int)port;
	return 0;
}

/* "010:12,02:8,*:30" */
static int parse_prefixes(const char *key, const char *v, struct gateway_conf *g, char *err,
			  size_t errlen)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", v);
	char *save = NULL;
	g->nprefixes = 0;
	for (char *item = strtok_r(buf, ", ", &save); item; item = strtok_r(NULL, ", ", &save)) {
		char *colon = strchr(item, ':'), *end;
		if (!colon || g->nprefixes == GW_PREFIX_MAX)
			goto bad;
		*colon = '\0';
		long cost = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || cost < 0 || cost > 1000000)
			goto bad;
		if (strcmp(item, "*")) {
			if (!*item || strlen(item) >= sizeof g->prefixes[0].prefix ||
			    strspn(item, "+0123456789") != strlen(item))
				goto bad;
			snprintf(g->prefixes[g->nprefixes].prefix, sizeof g->prefixes[0].prefix, "%s", item);
		} else {
			g->prefixes[g->nprefixes].prefix[0] = '\0';
		}
		g->prefixes[g->nprefixes++].cost = cost;
	}
	if (g->nprefixes > 0)
		return 0;
bad:
	snprintf(err, errlen, "%s = %s: must be a list of prefix:cost (prefix digits or *)", key, v);
	return -1;
}

static int read_gateways(HDF *h, struct settings *s, char *err, size_t errlen)
{
	s->ngateways = 0;
	for (HDF *gw = hdf_obj_child(hdf_get_obj(h, "Gateways")); gw; gw = hdf_obj_next(gw)) {
		const char *name = hdf_obj_name(gw);
		char key[128];
		if (s->ngateways == GW_MAX) {
			snprintf(err, errlen, "Gateways: at most %d gateways", GW_MAX);
			return -1;
		}
		struct gateway_conf *g = &s->gateways[s->ngateways++];
		memset(g, 0, sizeof *g);
		snprintf(key, sizeof key, "Gateways.%s", name);
		if (strlen(name) >= sizeof g->name) {
			snprintf(err, errlen, "%s: name too long", key);
			return -1;
		}
		snprintf(g->name, sizeof g->name, "%s", name);
		snprintf(key, sizeof key, "Gateways.%s.Address", name);
		if (parse_address(key, hdf_get_value(h, key, ""), g, err, errlen))
			return -1;
		snprintf(key, sizeof key, "Gateways.%s.Prefixes", name);
		if (parse_prefixes(key, hdf_get_value(h, key, "*:0"), g, err, errlen))
			return -1;
		snprintf(key, sizeof key, "Gateways.%s.Channels", name);
		if (int_key(h, key, 30, 1, 100000, &g->channels, err, errlen))
			return -1;
		snprintf(key, sizeof key, "Gateways.%s.Probe", name);
		if (int_key(h, key, 1, 0, 1, &g->probe, err, errlen))
			return -1;
	}
	if (s->ngateways == 0) {
		struct gateway_conf *g = &s->gateways[s->ngateways++];
		memset(g, 0, sizeof *g);
		strcpy(g->name, "local");
		strcpy(g->host, "127.0.0.1");
		g->port = 5080;
		g->channels = 100;
		g->probe = 1;
		g->nprefixes = 1;
	}
	return 0;
}

static int read_uids(HDF *h, struct settings *s, char *err, size_t errlen)
{
	const char *v = hdf_get_value(h, "Dialer.AllowUids", "");
	char buf[256];
	snprintf(buf, sizeof buf, "%s", v);
	char *save = NULL;
	s->nallow_uids = 0;
	for (char *w = strtok_r(buf, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		char *end;
		unsigned long u = strtoul(w, &end, 10);
		if (*end || s->nallow_uids == 8 || u > 0x7fffffff) {
			snprintf(err, errlen, "Dialer.AllowUids = %s: must be up to 8 numeric uids", v);
			return -1;
		}
		s->allow_uids[s->nallow_uids++] = (unsigned)u;
	}
	return 0;
}

static int refresh_key(HDF *h, struct settings *s, char *err, size_t errlen)
{
	const char *v = hdf_get_value(h, "Dialer.SessionRefresh", "auto");
	if (!strcmp(v, "auto"))
		s->session_refresh = SESSION_REFRESH_AUTO;
	else if (!strcmp(v, "update"))
		s->session_refresh = SESSION_REFRESH_UPDATE;
	else if (!strcmp(v, "invite"))
		s->session_refresh = SESSION_REFRESH_INVITE;
	else {
		snprintf(err, errlen, "Dialer.SessionRefresh = %s: must be auto, update or invite", v);
		return -1;
	}
	return 0;
}

int settings_read(struct settings *s, char *err, size_t errlen)
{
	HDF *h = config_hdf();
	memset(s, 0, sizeof *s);
	config_path("Dialer.Socket", s->socket_path, sizeof s->socket_path);
	config_path("Paths.DB", s->db_home, sizeof s->db_home);
	path_key(h, "Dialer.Prompts", DIALER_PROMPTS, s->prompts_dir, sizeof s->prompts_dir);
	path_key(h, "Dialer.Records", "var/recordings", s->records_dir, sizeof s->records_dir);
	if (text_key(h, "Dialer.SIPAddress", "127.0.0.1", s->sip_addr, sizeof s->sip_addr, err, errlen) ||
	    int_key(h, "Dialer.SIPPort", 5060, 1, 65535, &s->sip_port, err, errlen) ||
	    int_key(h, "Dialer.RTPPortMin", 20000, 1024, 65534, &s->rtp_min, err, errlen) ||
	    int_key(h, "Dialer.RTPPortMax", 29999, 1025, 65535, &s->rtp_max, err, errlen) ||
	    int_key(h, "Dialer.RingTimeoutMs", 30000, 500, 600000, &s->ring_timeout_ms, err, errlen) ||
	    int_key(h, "Dialer.ConfirmTimeoutMs", 5000, 200, 120000, &s->confirm_timeout_ms, err, errlen) ||
	    int_key(h, "Dialer.ConfirmRepeats", 3, 1, 10, &s->confirm_repeats, err, errlen) ||
	    int_key(h, "Dialer.WarningSeconds", 30, 0, 600, &s->warning_seconds, err, errlen) ||
	    int_key(h, "Dialer.DrainSeconds", 60, 0, 86400, &s->drain_seconds, err, errlen) ||
	    int_key(h, "Dialer.ProbeIntervalMs", 10000, 100, 3600000, &s->probe_interval_ms, err, errlen) ||
	    int_key(h, "Dialer.ProbeDownAfter", 3, 1, 100, &s->probe_down_after, err, errlen) ||
	    int_key(h, "Dialer.ProbeUpAfter", 2, 1, 100, &s->probe_up_after, err, errlen) ||
	    int_key(h, "Dialer.MaxOrders", 1000, 1, 100000, &s->max_orders, err, errlen) ||
	    int_key(h, "Dialer.SessionExpires", 1800, 0, 86400, &s->session_expires, err, errlen) ||
	    int_key(h, "Dialer.MinSE", 90, 1, 86400, &s->min_se, err, errlen) ||
	    refresh_key(h, s, err, errlen) ||
	    int_key(h, "Dialer.SIPTimeoutMs", 32000, 1000, 300000, &s->sip_timeout_ms, err, errlen) ||
	    int_key(h, "Dialer.MediaTimeoutMs", 60000, 0, 86400000, &s->media_timeout_ms, err, errlen) ||
	    int_key(h, "Dialer.RecoverWaitMs", 4000, 100, 60000, &s->recover_wait_ms, err, errlen) ||
	    read_uids(h, s, err, errlen) || read_gateways(h, s, err, errlen))
		return -1;
	if (s->session_expires && s->session_expires < s->min_se) {
		snprintf(err, errlen, "Dialer.SessionExpires = %d: must be 0 (off) or at least Dialer.MinSE (%d)",
			 s->session_expires, s->min_se);
		return -1;
	}
	struct in_addr ip;
	if (inet_pton(AF_INET, s->sip_addr, &ip) != 1) {
		snprintf(err, errlen, "Dialer.SIPAddress = %s: must be an IPv4 address (SIP and RTP bind to it)",
			 s->sip_addr);
		return -1;
	}
	if (s->rtp_max - s->rtp_min < 2) {
		snprintf(err, errlen, "Dialer.RTPPortMax = %d: must be above Dialer.RTPPortMin + 1",
			 s->rtp_max);
		return -1;
	}
	return 0;
}
