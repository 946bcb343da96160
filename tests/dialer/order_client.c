/* order_client.c: test tool. Sends one order-protocol line read from argv
 * through lib/order_proto's blocking client and prints the reply.
 *   order_client SOCKET 'CC1 STATE id=x'      raw line (newline added)
 *   order_client SOCKET --place id owner dest max [owner_alt] [mode] [record]
 * Exit 0 when the reply is OK, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order_proto.h"

int main(int argc, char **argv)
{
	char reply[2048], line[ORDER_LINE_MAX * 4];
	if (argc >= 7 && !strcmp(argv[2], "--place")) {
		struct order_cmd cmd = {.verb = ORDER_PLACE};
		snprintf(cmd.order.id, sizeof cmd.order.id, "%s", argv[3]);
		snprintf(cmd.order.owner, sizeof cmd.order.owner, "%s", argv[4]);
		snprintf(cmd.order.dest, sizeof cmd.order.dest, "%s", argv[5]);
		cmd.order.max_seconds = (unsigned)atoi(argv[6]);
		if (argc > 7 && strcmp(argv[7], "-"))
			snprintf(cmd.order.owner_alt, sizeof cmd.order.owner_alt, "%s", argv[7]);
		cmd.order.mode = argc > 8 && !strcmp(argv[8], "pc") ? ORDER_MODE_PC : ORDER_MODE_PHONE;
		cmd.order.record = argc > 9 && !strcmp(argv[9], "1");
		strcpy(cmd.order.lang, "en");
		order_client_send(argv[1], &cmd, reply, sizeof reply, 3000);
	} else if (argc == 3) {
		snprintf(line, sizeof line, "%s\n", argv[2]);
		order_client_request(argv[1], line, reply, sizeof reply, 3000);
	} else {
		fprintf(stderr, "usage: order_client SOCKET LINE | SOCKET --place ID OWNER DEST MAX\n");
		return 2;
	}
	printf("%s\n", reply);
	return order_reply_ok(reply) ? 0 : 1;
}
