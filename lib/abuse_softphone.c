/* abuse_softphone.c: which softphone addresses a pc-mode call may ring.
 *
 * The dialer sends leg B straight to the host of the URI, and a pc leg is
 * on-net (not rated). So a URI must never lead to one of the operator's
 * gateways (that would be a free call into the phone network), and the
 * open page must not become a way to ring machines inside the operator's
 * network: loopback, private, link-local and shared addresses and local
 * names are refused unless Call.SoftphoneLocal = 1 (a service on a LAN, or
 * tests on loopback); special-purpose addresses (0/8, documentation,
 * benchmarking, multicast, reserved) are always refused. Numeric hosts
 * must be plain dotted quads ("127.1" or "2130706433" would reach
 * loopback through the resolver). Host names are refused unless
 * Call.SoftphoneNames = 1: the page does not resolve them, so a name
 * could point at a gateway or inside the network; with names allowed
 * they must end in an alphabetic top-level label, and the gateways
 * should accept calls only from the dialer's own trunk traffic. A
 * gateway's address is refused on every port. */
#include "abuse.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "config.h"
#include "order_proto.h"

enum host_kind { HOST_BAD, HOST_PUBLIC, HOST_LOCAL, HOST_SPECIAL };

int abuse_softphone_uri(const char *typed, char *out, size_t outlen)
{
	if (!typed)
		return -1;
	while (*typed == ' ' || *typed == '\t')
		typed++;
	size_t n = strlen(typed);
	while (n && (typed[n - 1] == ' ' || typed[n - 1] == '\t'))
		n--;
	if (n == 0 || n > ORDER_DEST_MAX)
		return -1;
	int has_scheme = n >= 4 && !strncasecmp(typed, "sip:", 4);
	int w = snprintf(out, outlen, "sip:%.*s", (int)(has_scheme ? n - 4 : n),
			 has_scheme ? typed + 4 : typed);
	if (w < 0 || (size_t)w >= outlen)
		return -1;
	/* Host names are case-insensitive: compare and show them in lower case. */
	char *at = strchr(out, '@');
	for (char *p = at ? at + 1 : out + strlen(out); *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return 0;
}

static int in_net(uint32_t a, const char *net, int bits)
{
	struct in_addr n;
	inet_pton(AF_INET, net, &n);
	uint32_t mask = bits ? 0xffffffffu << (32 - bits) : 0;
	return (a & mask) == (ntohl(n.s_addr) & mask);
}

static enum host_kind ipv4_kind(const char *host)
{
	struct in_addr in;
	if (inet_pton(AF_INET, host, &in) != 1)
		return HOST_BAD;
	uint32_t a = ntohl(in.s_addr);
	static const struct {
		const char *net;
		int bits;
	} local[] = {{"127.0.0.0", 8}, {"10.0.0.0", 8}, {"172.16.0.0", 12}, {"192.168.0.0", 16},
		     {"169.254.0.0", 16}, {"100.64.0.0", 10}},
	  special[] = {{"0.0.0.0", 8}, {"192.0.0.0", 24}, {"192.0.2.0", 24}, {"198.18.0.0", 15},
		       {"198.51.100.0", 24}, {"203.0.113.0", 24}, {"224.0.0.0", 4}, {"240.0.0.0", 4}};
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		if (in_net(a, special[i].net, special[i].bits))
			return HOST_SPECIAL;
	for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
		if (in_net(a, local[i].net, local[i].bits))
			return HOST_LOCAL;
	return HOST_PUBLIC;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && !strcmp(s + n - t, tail) && (n == t || s[n - t - 1] == '.');
}

static enum host_kind host_kind(const char *host)
{
	if (strspn(host, "0123456789.") == strlen(host))
		return ipv4_kind(host);
	/* A name: labels of letters, digits and '-', the last one letters only. */
	const char *last = strrchr(host, '.');
	last = last ? last + 1 : host;
	size_t ln = strlen(last);
	if (ln < 2)
		return HOST_BAD;
	for (const char *p = last; *p; p++)
		if (!isalpha((unsigned char)*p))
			return HOST_BAD;
	for (const char *p = host; *p; p++)
		if (*p == '.' && (p == host || p[1] == '.' || p[1] == '\0' || p[-1] == '-' || p[1] == '-'))
			return HOST_BAD;
	if (!strchr(host, '.'))
		return HOST_LOCAL; /* "localhost", intranet names */
	static const char *const local_tlds[] = {"localhost", "local", "localdomain", "internal",
						 "lan", "home", "corp", "intranet", "home.arpa"};
	for (size_t i = 0; i < sizeof local_tlds / sizeof local_tlds[0]; i++)
		if (ends_with(host, local_tlds[i]))
			return HOST_LOCAL;
	if (ends_with(host, "invalid") || ends_with(host, "test") || ends_with(host, "arpa"))
		return HOST_SPECIAL;
	return HOST_PUBLIC;
}

/* host and port ("host[:port]", port 5060 when absent) of text. */
static int split_hostport(const char *text, char *host, size_t hostlen, long *port)
{
	const char *colon = strchr(text, ':');
	size_t hn = colon ? (size_t)(colon - text) : strlen(text);
	if (hn == 0 || hn >= hostlen)
		return -1;
	for (size_t i = 0; i < hn; i++)
		host[i] = (char)tolower((unsigned char)text[i]);
	host[hn] = '\0';
	*port = 5060;
	if (colon) {
		char *end;
		*port = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || *port < 1 || *port > 65535)
			return -1;
	}
	return 0;
}

/* 1 when host (a dotted quad) is one of the gateway host's addresses;
 * a gateway given by name is looked up (it is the operator's, not the
 * caller's, so the wait is on a name the operator chose). */
static int same_address(const char *host, const char *gateway_host)
{
	if (!strcmp(host, gateway_host))
		return 1;
	struct in_addr want;
	if (inet_pton(AF_INET, host, &want) != 1)
		return 0;
	struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_DGRAM}, *res = NULL;
	if (getaddrinfo(gateway_host, NULL, &hints, &res) != 0)
		return 0;
	int same = 0;
	for (struct addrinfo *a = res; a && !same; a = a->ai_next)
		same = ((struct sockaddr_in *)a->ai_addr)->sin_addr.s_addr == want.s_addr;
	freeaddrinfo(res);
	return same;
}

/* 1 when host is a gateway of the configuration (or the dialer's default
 * gateway when none is configured), on any port: another port of a
 * gateway may reach the phone network too. */
static int is_gateway(const char *host)
{
	HDF *gws = hdf_get_obj(config_hdf(), "Gateways");
	HDF *gw = gws ? hdf_obj_child(gws) : NULL;
	if (!gw)
		return !strcmp(host, "127.0.0.1");
	for (; gw; gw = hdf_obj_next(gw)) {
		char ghost[256];
		long gport;
		const char *addr = hdf_get_value(gw, "Address", "");
		if (split_hostport(addr, ghost, sizeof ghost, &gport) == 0 && same_address(host, ghost))
			return 1;
	}
	return 0;
}

static int is_dotted_quad(const char *host)
{
	struct in_addr a;
	return inet_pton(AF_INET, host, &a) == 1;
}

enum abuse_verdict abuse_check_softphone(const char *uri)
{
	if (!order_valid_sip_uri(uri))
		return ABUSE_SIP_FORMAT;
	char host[256];
	long port;
	if (split_hostport(strchr(uri, '@') + 1, host, sizeof host, &port) != 0)
		return ABUSE_SIP_FORMAT;
	switch (host_kind(host)) {
	case HOST_BAD:
		return ABUSE_SIP_FORMAT;
	case HOST_SPECIAL:
		return ABUSE_SIP_DENIED;
	case HOST_LOCAL:
		if (!config_int("Call.SoftphoneLocal"))
			return ABUSE_SIP_DENIED;
		break;
	case HOST_PUBLIC:
		break;
	}
	/* The page never looks a caller's name up, so a name could lead
	 * anywhere, a gateway or the operator's network included: only
	 * addresses unless the operator allows names. */
	if (!is_dotted_quad(host) && !config_int("Call.SoftphoneNames"))
		return ABUSE_SIP_DENIED;
	(void)port;
	return is_gateway(host) ? ABUSE_SIP_DENIED : ABUSE_OK;
}
