/* control.h: the Unix socket where the web side places call orders. */
#ifndef DIALERD_CONTROL_H
#define DIALERD_CONTROL_H

struct dialer;

/* Binds the socket (mode 0660) and joins the loop. 0 or -1. */
int control_open(struct dialer *d);
/* Stops accepting; closes every connection; removes the socket file. */
void control_close(struct dialer *d);

#endif
