/* g711.c: G.711 companding (ITU-T G.711 segment tables, computed). */
#include "g711.h"

#define ULAW_BIAS 0x84
#define ULAW_CLIP 32635

uint8_t g711_ulaw_encode(int16_t s)
{
	int v = s, sign = 0;
	if (v < 0) {
		v = -v;
		sign = 0x80;
	}
	if (v > ULAW_CLIP)
		v = ULAW_CLIP;
	v += ULAW_BIAS;
	int exp = 7;
	for (int mask = 0x4000; !(v & mask) && exp > 0; mask >>= 1)
		exp--;
	int mant = (v >> (exp + 3)) & 0x0f;
	return (uint8_t)~(sign | (exp << 4) | mant);
}

int16_t g711_ulaw_decode(uint8_t u)
{
	u = (uint8_t)~u;
	int exp = (u >> 4) & 7, mant = u & 0x0f;
	int v = (((mant << 3) + ULAW_BIAS) << exp) - ULAW_BIAS;
	return (int16_t)((u & 0x80) ? -v : v);
}

uint8_t g711_alaw_encode(int16_t s)
{
	int v = s, sign = 0x80;
	if (v < 0) {
		v = -v - 1;
		sign = 0;
	}
	if (v > 32767)
		v = 32767;
	int exp = 7;
	for (int mask = 0x4000; !(v & mask) && exp > 0; mask >>= 1)
		exp--;
	int mant = exp ? (v >> (exp + 3)) & 0x0f : (v >> 4) & 0x0f;
	return (uint8_t)((sign | (exp << 4) | mant) ^ 0x55);
}

int16_t g711_alaw_decode(uint8_t a)
{
	a ^= 0x55;
	int exp = (a >> 4) & 7, mant = a & 0x0f;
	int v = exp ? ((mant << 4) + 0x108) << (exp - 1) : (mant << 4) + 8;
	return (int16_t)((a & 0x80) ? v : -v);
}

void g711_pack(int pt, const int16_t *in, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = pt == PT_PCMA ? g711_alaw_encode(in[i]) : g711_ulaw_encode(in[i]);
}

void g711_unpack(int pt, const uint8_t *in, int16_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = pt == PT_PCMA ? g711_alaw_decode(in[i]) : g711_ulaw_decode(in[i]);
}
