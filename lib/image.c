/* image.c: check, re-encode and store uploaded images (libgd). */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <gd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "token.h"

enum image_format image_sniff(const void *data, size_t len)
{
	const unsigned char *p = data;
	if (len >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8))
		return IMAGE_PNG;
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return IMAGE_JPEG;
	if (len >= 6 && (!memcmp(p, "GIF87a", 6) || !memcmp(p, "GIF89a", 6)))
		return IMAGE_GIF;
	if (len >= 12 && !memcmp(p, "RIFF", 4) && !memcmp(p + 8, "WEBP", 4))
		return IMAGE_WEBP;
	return IMAGE_UNKNOWN;
}

static unsigned long be16(const unsigned char *p) { return (unsigned long)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p) { return be16(p) << 16 | be16(p + 2); }
static unsigned long le16(const unsigned char *p) { return (unsigned long)p[1] << 8 | p[0]; }

/* JPEG: walk the markers up to a start-of-frame segment. */
static int jpeg_size(const unsigned char *p, size_t len, long *w, long *h)
{
	size_t i = 2;
	while (i + 4 <= len) {
		if (p[i] != 0xff)
			return -1;
		unsigned m = p[i + 1];
		if (m == 0xff) {
			i++;
			continue;
		}
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {
			i += 2;
			continue;
		}
		size_t seg = be16(p + i + 2);
		if (seg < 2)
			return -1;
		int sof = m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
		if (sof) {
			if (i + 9 > len)
				return -1;
			*h = (long)be16(p + i + 5);
			*w = (long)be16(p + i + 7);
			return 0;
		}
		i += 2 + seg;
	}
	return -1;
}

/* WebP: the lossy (VP8), lossless (VP8L) and extended (VP8X) headers. */
static int webp_size(const unsigned char *p, size_t len, long *w, long *h)
{
	if (len < 30)
		return -1;
	if (!memcmp(p + 12, "VP8 ", 4)) {
		*w = (long)(le16(p + 26) & 0x3fff);
		*h = (long)(le16(p + 28) & 0x3fff);
	} else if (!memcmp(p + 12, "VP8L", 4)) {
		unsigned long b = p[21] | (unsigned long)p[22] << 8 | (unsigned long)p[23] << 16 |
				  (unsigned long)p[24] << 24;
		*w = (long)(b & 0x3fff) + 1;
		*h = (long)((b >> 14) & 0x3fff) + 1;
	} else if (!memcmp(p + 12, "VP8X", 4)) {
		*w = (long)(p[24] | p[25] << 8 | p[26] << 16) + 1;
		*h = (long)(p[27] | p[28] << 8 | p[29] << 16) + 1;
	} else {
		return -1;
	}
	return 0;
}

int image_header_size(const void *data, size_t len, long *w, long *h)
{
	const unsigned char *p = data;
	switch (image_sniff(data, len)) {
	case IMAGE_PNG:
		if (len < 24 || memcmp(p + 12, "IHDR", 4))
			return -1;
		*w = (long)be32(p + 16);
		*h = (long)be32(p + 20);
		return 0;
	case IMAGE_GIF:
		if (len < 10)
			return -1;
		*w = (long)le16(p + 6);
		*h = (long)le16(p + 8);
		return 0;
	case IMAGE_JPEG:
		return jpeg_size(p, len, w, h);
	case IMAGE_WEBP:
		return webp_size(p, len, w, h);
	default:
		return -1;
	}
}

static gdImagePtr decode(enum image_format f, const void *data, size_t len)
{
	void *d = (void *)data; /* gd's API is not const-correct; it only reads */
	switch (f) {
	case IMAGE_PNG:
		return gdImageCreateFromPngPtr((int)len, d);
	case IMAGE_JPEG:
		/* 0: a warning (such as a truncated file) is a failure. */
		return gdImageCreateFromJpegPtrEx((int)len, d, 0);
	case IMAGE_GIF:
		return gdImageCreateFromGifPtr((int)len, d);
	case IMAGE_WEBP:
		return gdImageCreateFromWebpPtr((int)len, d);
	default:
		return NULL;
	}
}

/* A truncated PNG may still decode row by row: require its IEND chunk. */
static int png_complete(const unsigned char *p, size_t len)
{
	return len >= 12 && !memcmp(p + len - 8, "IEND", 4);
}

static int jpeg_complete(const unsigned char *p, size_t len)
{
	while (len > 2 && (p[len - 1] == 0 || p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	return len >= 4 && p[len - 2] == 0xff && p[len - 1] == 0xd9;
}

static int gif_complete(const unsigned char *p, size_t len)
{
	return len >= 14 && p[len - 1] == 0x3b;
}

static gdImagePtr fit_box(gdImagePtr im)
{
	int w = gdImageSX(im), h = gdImageSY(im);
	if (w <= IMAGE_MAX_SIDE && h <= IMAGE_MAX_SIDE)
		return im;
	double k = (double)IMAGE_MAX_SIDE / (w > h ? w : h);
	int nw = (int)(w * k), nh = (int)(h * k);
	if (nw < 1)
		nw = 1;
	if (nh < 1)
		nh = 1;
	gdImageSetInterpolationMethod(im, GD_BILINEAR_FIXED);
	gdImagePtr s = gdImageScale(im, (unsigned)nw, (unsigned)nh);
	gdImageDestroy(im);
	return s;
}

static int write_file(const char *dir, const char *name, const void *buf, size_t len)
{
	char tmp[4096], path[4096];
	snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return -1;
	const char *p = buf;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			unlink(tmp);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int image_name_valid(const char *name)
{
	size_t n = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
	return n == 22 && (!strcmp(name + n, ".png") || !strcmp(name + n, ".jpg"));
}

int image_store(const void *data, size_t len, const char *dir, char name[IMAGE_NAME_LEN],
		char *why, size_t whylen)
{
	enum image_format f = image_sniff(data, len);
	long w = 0, h = 0;
	if (len > (size_t)IMAGE_MAX_BYTES) {
		snprintf(why, whylen, "is larger than %ld MB", IMAGE_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	if (f == IMAGE_UNKNOWN) {
		snprintf(why, whylen, "is not a PNG, JPEG, GIF or WebP image");
		return -1;
	}
	if (image_header_size(data, len, &w, &h) != 0 || w < 1 || h < 1) {
		snprintf(why, whylen, "is damaged: its size cannot be read");
		return -1;
	}
	if (w > 10000 || h > 10000 || w * h > IMAGE_MAX_PIXELS) {
		snprintf(why, whylen, "has too many pixels (%ld x %ld; at most 16 megapixels)", w, h);
		return -1;
	}
	const unsigned char *p = data;
	if ((f == IMAGE_PNG && !png_complete(p, len)) || (f == IMAGE_JPEG && !jpeg_complete(p, len)) ||
	    (f == IMAGE_GIF && !gif_complete(p, len))) {
		snprintf(why, whylen, "is incomplete (the file was cut short)");
		return -1;
	}
	gdImagePtr im = decode(f, data, len);
	if (!im) {
		snprintf(why, whylen, "could not be read as an image");
		return -1;
	}
	im = fit_box(im);
	if (!im) {
		snprintf(why, whylen, "could not be resized");
		return -1;
	}
	int outlen = 0;
	void *out;
	const char *ext;
	if (f == IMAGE_JPEG) {
		out = gdImageJpegPtr(im, &outlen, 85);
		ext = ".jpg";
	} else {
		gdImageSaveAlpha(im, 1);
		out = gdImagePngPtr(im, &outlen);
		ext = ".png";
	}
	gdImageDestroy(im);
	if (!out || outlen <= 0) {
		gdFree(out);
		snprintf(why, whylen, "could not be converted");
		return -1;
	}
	char tok[TOKEN_LEN];
	token_new(tok);
	snprintf(name, IMAGE_NAME_LEN, "%.22s%s", tok, ext);
	mkdir(dir, 0755);
	int rc = write_file(dir, name, out, (size_t)outlen);
	gdFree(out);
	if (rc != 0) {
		snprintf(why, whylen, "could not be saved; please try again");
		return -1;
	}
	return 0;
}
