/* qr.c: a QR code of a text as a black-on-white PNG. */
#include "qr.h"

#include <gd.h>
#include <qrencode.h>

#define QUIET 4

void *qr_png(const char *text, int scale, size_t *len)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return NULL;
	int side = (q->width + 2 * QUIET) * scale;
	gdImagePtr im = gdImageCreate(side, side);
	if (!im) {
		QRcode_free(q);
		return NULL;
	}
	int white = gdImageColorAllocate(im, 255, 255, 255); /* first colour: background */
	int black = gdImageColorAllocate(im, 0, 0, 0);
	(void)white;
	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width; x++)
			if (q->data[y * q->width + x] & 1) /* bit 0: dark module */
				gdImageFilledRectangle(im, (x + QUIET) * scale, (y + QUIET) * scale,
						       (x + QUIET + 1) * scale - 1,
						       (y + QUIET + 1) * scale - 1, black);
	QRcode_free(q);
	int n = 0;
	void *png = gdImagePngPtr(im, &n);
	gdImageDestroy(im);
	*len = png ? (size_t)n : 0;
	return png;
}

void qr_free(void *png)
{
	gdFree(png);
}
