/* call_words.h: the states and end causes of a call in plain words. */
#ifndef CALLCARD_CALL_WORDS_H
#define CALLCARD_CALL_WORDS_H

/* What the recipient reads for a state of the order (never NULL). */
const char *call_state_words(const char *state);
/* Why a call ended, in plain words (never NULL). */
const char *call_cause_words(const char *cause);
/* 1 when the cause means the owner could not take the call. */
int call_cause_owner_unavailable(const char *cause);

#endif
