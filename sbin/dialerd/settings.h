/* settings.h: the dialer's configuration (Dialer.*, Gateways.*), checked. */
#ifndef DIALERD_SETTINGS_H
#define DIALERD_SETTINGS_H
#include <limits.h>
#include <stddef.h>

#define GW_MAX 16
#define GW_PREFIX_MAX 16

struct gateway_conf {
	char name[32];
	char host[64];
	int port;
	int channels;
	int probe;       /* 1: send OPTIONS probes (default) */
	int nprefixes;
	struct {
		char prefix[16]; /* "" serves every number */
		long cost;       /* per minute, minor units */
	} prefixes[GW_PREFIX_MAX];
};

/* How a leg's session is refreshed: UPDATE when the peer allows it, else
 * re-INVITE (auto), or always one of them. */
enum { SESSION_REFRESH_AUTO, SESSION_REFRESH_UPDATE, SESSION_REFRESH_INVITE };

struct settings {
	char socket_path[PATH_MAX];
	char db_home[PATH_MAX];
	char prompts_dir[PATH_MAX];
	char records_dir[PATH_MAX];
	char sip_addr[64];
	int sip_port;
	int rtp_min, rtp_max;
	int ring_timeout_ms;
	int confirm_timeout_ms; /* per prompt repeat */
	int confirm_repeats;
	int warning_seconds;    /* warning tone this long before the credit cut */
	int drain_seconds;
	int probe_interval_ms;
	int probe_down_after, probe_up_after;
	int max_orders;
	/* RFC 4028 session timers: 0 session_expires turns them off */
	int session_expires;    /* seconds asked for in our INVITEs */
	int min_se;             /* seconds, smallest interval we accept */
	int session_refresh;    /* SESSION_REFRESH_* */
	int sip_timeout_ms;     /* SIP transaction timeout (64 x T1) */
	int media_timeout_ms;   /* no RTP from a bridged leg this long ends it; 0 off */
	int recover_wait_ms;    /* after a crash: time to CANCEL legs left ringing */
	unsigned allow_uids[8];
	int nallow_uids;
	int ngateways;
	struct gateway_conf gateways[GW_MAX];
};

/* Reads the loaded configuration (config_load() first) into s. Returns 0,
 * or -1 with a message naming the bad key in err. */
int settings_read(struct settings *s, char *err, size_t errlen);

#endif
