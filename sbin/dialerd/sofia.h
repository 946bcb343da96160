/* sofia.h: sofia-sip headers with the dialer's context types as magic.
 * Every dialer file includes sofia-sip through this header only, so the
 * magic types are the same everywhere. */
#ifndef DIALERD_SOFIA_H
#define DIALERD_SOFIA_H

struct dialer;
struct leg;
#define SU_ROOT_MAGIC_T struct dialer
#define NUA_MAGIC_T struct dialer
#define NUA_HMAGIC_T void
#define SU_WAKEUP_ARG_T void
#define SU_TIMER_ARG_T void

#include <sofia-sip/nua.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sdp.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_util.h>
#include <sofia-sip/su_wait.h>
#include <sofia-sip/tport_tag.h>

#endif
