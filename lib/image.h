/* image.h: uploaded images checked by content, re-encoded by libgd and
 * stored under Paths.Uploads with a random name.
 *
 * The declared file name and content type are ignored: the first bytes
 * decide the format (PNG, JPEG, GIF, WebP). Dimensions are read from the
 * header before decoding, so a small file cannot unpack into a huge
 * bitmap. Whatever passes is decoded, scaled down to IMAGE_MAX_SIDE and
 * written anew (PNG, or JPEG for photos): no byte of the upload is served
 * as it came. */
#ifndef CALLCARD_IMAGE_H
#define CALLCARD_IMAGE_H
#include <stddef.h>

#define IMAGE_MAX_BYTES (2L * 1024 * 1024) /* upload size */
#define IMAGE_MAX_PIXELS (16L * 1000 * 1000) /* width x height before decoding */
#define IMAGE_MAX_SIDE 1200                  /* stored images fit this box */
#define IMAGE_NAME_LEN 32                    /* 22 random chars + ".png" + NUL */

enum image_format { IMAGE_UNKNOWN, IMAGE_PNG, IMAGE_JPEG, IMAGE_GIF, IMAGE_WEBP };

/* The format the bytes announce, or IMAGE_UNKNOWN. */
enum image_format image_sniff(const void *data, size_t len);
/* Width and height from the file header; -1 when they cannot be read. */
int image_header_size(const void *data, size_t len, long *w, long *h);

/* Checks, decodes, re-encodes and stores data in dir. On success name gets
 * the stored file's name (no directory) and 0 is returned; otherwise -1 and
 * why says what is wrong, for the user. */
int image_store(const void *data, size_t len, const char *dir, char name[IMAGE_NAME_LEN],
		char *why, size_t whylen);
/* 1 when name looks like a name image_store made (safe to join to dir). */
int image_name_valid(const char *name);

#endif
