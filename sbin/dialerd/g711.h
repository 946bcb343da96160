/* g711.h: G.711 u-law and A-law to and from 16-bit linear PCM. */
#ifndef DIALERD_G711_H
#define DIALERD_G711_H
#include <stddef.h>
#include <stdint.h>

enum { PT_PCMU = 0, PT_PCMA = 8 };

uint8_t g711_ulaw_encode(int16_t s);
int16_t g711_ulaw_decode(uint8_t u);
uint8_t g711_alaw_encode(int16_t s);
int16_t g711_alaw_decode(uint8_t a);

/* Encode/decode n samples for payload type pt (PT_PCMU or PT_PCMA). */
void g711_pack(int pt, const int16_t *in, uint8_t *out, size_t n);
void g711_unpack(int pt, const uint8_t *in, int16_t *out, size_t n);

#endif
