/* outcome.c: SIP status to outcome code and Q.850 cause (after RFC 3398). */
#include "outcome.h"

const char *outcome_of_status(int status, int from_peer)
{
	switch (status) {
	case 486:
	case 600:
		return "busy";
	case 480:
		return "no_answer";
	case 403:
	case 603:
	case 487:
		return "rejected";
	case 404:
	case 410:
	case 484:
	case 485:
	case 604:
		return "invalid_number";
	case 503:
		return from_peer ? "congestion" : "unreachable";
	case 408:
		return from_peer ? "no_answer" : "unreachable";
	}
	if (status >= 500)
		return "gateway_failure";
	return "rejected";
}

int outcome_q850_of_status(int status)
{
	switch (status) {
	case 200:
		return 16; /* normal clearing */
	case 404:
	case 604:
		return 1;  /* unallocated number */
	case 484:
		return 28; /* invalid number format */
	case 486:
	case 600:
		return 17; /* user busy */
	case 480:
		return 19; /* no answer from user */
	case 408:
		return 102; /* recovery on timer expiry */
	case 403:
	case 603:
		return 21; /* call rejected */
	case 410:
		return 22; /* number changed */
	case 487:
		return 16;
	case 502:
		return 27; /* destination out of order */
	case 503:
		return 34; /* no circuit available */
	}
	return status >= 500 ? 41 : 31; /* temporary failure / normal unspecified */
}

int outcome_is_failover(int status)
{
	return status == 408 || (status >= 500 && status <= 599);
}
