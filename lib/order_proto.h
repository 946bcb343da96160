/* order_proto.h: the call-order protocol between the web side and dialerd.
 *
 * One request line, one reply line, over a Unix stream socket. Every line
 * starts with the protocol version "CC1"; fields are key=value words whose
 * values use a small safe alphabet, so no quoting is ever needed. The full
 * description is in sbin/dialerd/PROTOCOL.md. */
#ifndef CALLCARD_ORDER_PROTO_H
#define CALLCARD_ORDER_PROTO_H
#include <stddef.h>

#define ORDER_PROTO_VERSION "CC1"
#define ORDER_LINE_MAX 512      /* bytes, newline included */
#define ORDER_ID_MAX 64
#define ORDER_NUMBER_MAX 24     /* a phone number: + and digits */
#define ORDER_DEST_MAX 128      /* a number or a softphone SIP URI */
#define ORDER_MAX_SECONDS 86400

enum order_verb { ORDER_PLACE, ORDER_CANCEL, ORDER_STATE, ORDER_GATEWAYS };
enum order_mode { ORDER_MODE_PHONE, ORDER_MODE_PC };

struct order_req {
	char id[ORDER_ID_MAX + 1];
	char owner[ORDER_NUMBER_MAX + 1];     /* leg A */
	char owner_alt[ORDER_NUMBER_MAX + 1]; /* fallback for leg A, may be "" */
	char dest[ORDER_DEST_MAX + 1];        /* leg B: number, or sip: URI (pc) */
	enum order_mode mode;
	unsigned max_seconds;                 /* credit limit of the call */
	char lang[3];                         /* prompt language: "ko" or "en" */
	int record;                           /* 1: record the call to WAV */
};

struct order_cmd {
	enum order_verb verb;
	struct order_req order; /* ORDER_PLACE; for CANCEL/STATE only id */
};

/* Checks of single values (1 when valid). */
int order_valid_id(const char *s);
int order_valid_number(const char *s);
int order_valid_sip_uri(const char *s);

/* Parses one request line (without or with its trailing newline). Returns 0,
 * or -1 with a short error code ("bad_version", "bad_field", ...) in code
 * and a human sentence in why. */
int order_parse_request(const char *line, struct order_cmd *cmd, char *code,
			size_t codelen, char *why, size_t whylen);

/* Formats the request line for cmd (newline included). Returns its length,
 * or -1 when a field is invalid or it does not fit. */
int order_format_request(const struct order_cmd *cmd, char *buf, size_t len);

/* Value of key in a reply line ("CC1 OK k=v k=v"), copied into out.
 * Returns 0, or -1 when absent. */
int order_reply_get(const char *reply, const char *key, char *out, size_t outlen);
/* 1 when the reply line is "CC1 OK ...". */
int order_reply_ok(const char *reply);

/* Blocking client: connects to the socket at path, sends line, reads one
 * reply line into reply (newline stripped). Every step is bounded by
 * timeout_ms. Returns 0, or -1 with reply holding a local error line
 * ("CC1 ERR unavailable ..."). */
int order_client_request(const char *path, const char *line, char *reply,
			 size_t replylen, int timeout_ms);
/* Formats cmd and sends it (order_client_request). */
int order_client_send(const char *path, const struct order_cmd *cmd, char *reply,
		      size_t replylen, int timeout_ms);

#endif
