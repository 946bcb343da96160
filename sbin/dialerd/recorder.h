/* recorder.h: record a bridged call to a stereo WAV (owner left, recipient right). */
#ifndef DIALERD_RECORDER_H
#define DIALERD_RECORDER_H
#include <stddef.h>
#include <stdint.h>

struct order;

/* Opens dir/<order id>.wav when the order asks for a recording. 0 or -1. */
int recorder_open(struct order *o, const char *dir);
/* Audio heard from the leg with role 'A' or 'B'. */
void recorder_write(struct order *o, char role, const int16_t *lin, size_t n);
void recorder_close(struct order *o);

#endif
