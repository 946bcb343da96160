/* make_image.c: test tool. Writes a test picture with libgd:
 *   make_image png|jpeg|gif W H FILE
 * a colour gradient with a dark square, so re-encoding has real pixels. */
#include <gd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: make_image png|jpeg|gif W H FILE\n");
		return 2;
	}
	int w = atoi(argv[2]), h = atoi(argv[3]);
	if (w < 1 || h < 1 || w > 8000 || h > 8000)
		return 2;
	gdImagePtr im = gdImageCreateTrueColor(w, h);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			gdImageSetPixel(im, x, y, gdTrueColor(40 + 200 * x / w, 120, 240 - 200 * y / h));
	gdImageFilledRectangle(im, w / 4, h / 4, w / 2, h / 2, gdTrueColor(20, 30, 60));
	int n = 0;
	void *out = !strcmp(argv[1], "jpeg") ? gdImageJpegPtr(im, &n, 90)
		  : !strcmp(argv[1], "gif")  ? gdImageGifPtr(im, &n)
					     : gdImagePngPtr(im, &n);
	gdImageDestroy(im);
	FILE *f = fopen(argv[4], "wb");
	if (!f || !out || fwrite(out, 1, (size_t)n, f) != (size_t)n || fclose(f) != 0)
		return 1;
	gdFree(out);
	return 0;
}
