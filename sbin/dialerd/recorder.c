/* recorder.c: stereo WAV of a bridged call through libsndfile.
 *
 * Packets of the two legs arrive independently; each side's samples wait
 * in a small buffer and are written interleaved as soon as both sides have
 * some. A side that goes quiet (no packets) for a second is written as
 * silence so the other side's audio keeps its timing. */
#include "recorder.h"

#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "call.h"
#include "log.h"

#define PENDING_MAX 8000

struct recorder {
	SNDFILE *f;
	int16_t pend[2][PENDING_MAX];
	size_t n[2];
};

int recorder_open(struct order *o, const char *dir)
{
	if (!o->req.record || o->recorder)
		return 0;
	mkdir(dir, 0750);
	snprintf(o->record_path, sizeof o->record_path, "%s/%s.wav", dir, o->req.id);
	SF_INFO info = {.samplerate = 8000, .channels = 2, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
	struct recorder *r = calloc(1, sizeof *r);
	if (!r)
		return -1;
	r->f = sf_open(o->record_path, SFM_WRITE, &info);
	if (!r->f) {
		log_error("order %s: cannot record to %s: %s", o->req.id, o->record_path,
			  sf_strerror(NULL));
		free(r);
		o->record_path[0] = '\0';
		return -1;
	}
	o->recorder = r;
	return 0;
}

static void flush(struct recorder *r, size_t frames)
{
	int16_t out[2 * 512];
	while (frames) {
		size_t k = frames > 512 ? 512 : frames;
		for (size_t i = 0; i < k; i++)
			for (int c = 0; c < 2; c++)
				out[2 * i + c] = i < r->n[c] ? r->pend[c][i] : 0;
		sf_writef_short(r->f, out, (sf_count_t)k);
		for (int c = 0; c < 2; c++) {
			size_t used = k < r->n[c] ? k : r->n[c];
			memmove(r->pend[c], r->pend[c] + used, (r->n[c] - used) * sizeof(int16_t));
			r->n[c] -= used;
		}
		frames -= k;
	}
}

void recorder_write(struct order *o, char role, const int16_t *lin, size_t n)
{
	struct recorder *r = o->recorder;
	if (!r)
		return;
	int c = role == 'A' ? 0 : 1;
	if (r->n[c] + n > PENDING_MAX)
		flush(r, r->n[c]); /* the other side is quiet: write it as silence */
	if (n > PENDING_MAX)
		n = PENDING_MAX;
	memcpy(r->pend[c] + r->n[c], lin, n * sizeof *lin);
	r->n[c] += n;
	size_t both = r->n[0] < r->n[1] ? r->n[0] : r->n[1];
	if (both)
		flush(r, both);
}

void recorder_close(struct order *o)
{
	struct recorder *r = o->recorder;
	if (!r)
		return;
	flush(r, r->n[0] > r->n[1] ? r->n[0] : r->n[1]);
	sf_close(r->f);
	free(r);
	o->recorder = NULL;
}
