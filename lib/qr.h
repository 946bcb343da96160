/* qr.h: QR codes (libqrencode) drawn as PNG images (libgd). */
#ifndef CALLCARD_QR_H
#define CALLCARD_QR_H
#include <stddef.h>

/* Encodes text (error correction level M) as a PNG with scale pixels per
 * module and the standard 4-module quiet zone. Returns a buffer the caller
 * frees with qr_free(), or NULL. */
void *qr_png(const char *text, int scale, size_t *len);
void qr_free(void *png);

#endif
