/* outcome.h: a leg's outcome code and Q.850 cause from its SIP result. */
#ifndef DIALERD_OUTCOME_H
#define DIALERD_OUTCOME_H

/* Outcome code of a leg that failed before answer with final status;
 * from_peer is 0 when the local stack made the response up (timeout,
 * transport error). */
const char *outcome_of_status(int status, int from_peer);
/* Q.850 cause for status when the response carried no Reason header. */
int outcome_q850_of_status(int status);
/* 1 when a failure with this status should be retried on another gateway
 * (it is about the gateway, not the callee). */
int outcome_is_failover(int status);

#endif
