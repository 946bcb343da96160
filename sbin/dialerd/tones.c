/* tones.c: load prompt WAVs with libsndfile; synthesise ringback and warning. */
#include "tones.h"

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

static const char *const prompt_names[PROMPT__MAX] = {"confirm", "guidance"};
static const char *const lang_names[LANG__MAX] = {"ko", "en"};

/* Adds ms of a two-frequency tone (f2 may be 0), or silence when f1 == 0. */
static void add_tone(struct tone *t, int f1, int f2, int ms, double amp)
{
	size_t n = (size_t)ms * 8;
	int16_t *s = realloc(t->samples, (t->n + n) * sizeof *s);
	if (!s)
		return;
	t->samples = s;
	for (size_t i = 0; i < n; i++) {
		double v = 0, x = (double)i / 8000.0;
		if (f1)
			v += sin(2 * M_PI * f1 * x);
		if (f2)
			v += sin(2 * M_PI * f2 * x);
		s[t->n + i] = (int16_t)(v * amp * (f2 ? 0.5 : 1.0));
	}
	t->n += n;
}

static int load_wav(struct tone *t, const char *path)
{
	SF_INFO info = {0};
	SNDFILE *f = sf_open(path, SFM_READ, &info);
	if (!f)
		return -1;
	if (info.samplerate != 8000 || info.channels != 1 || info.frames <= 0 ||
	    info.frames > 8000 * 120) {
		log_warn("prompt %s: want 8 kHz mono up to 120 s", path);
		sf_close(f);
		return -1;
	}
	t->samples = calloc((size_t)info.frames, sizeof *t->samples);
	t->n = t->samples ? (size_t)sf_readf_short(f, t->samples, info.frames) : 0;
	sf_close(f);
	return t->n ? 0 : -1;
}

int tones_load(struct tones *t, const char *dir)
{
	memset(t, 0, sizeof *t);
	int missing = 0;
	for (int l = 0; l < LANG__MAX; l++)
		for (int p = 0; p < PROMPT__MAX; p++) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s/%s.wav", dir, lang_names[l], prompt_names[p]);
			if (load_wav(&t->prompts[l][p], path) < 0) {
				missing++;
				add_tone(&t->prompts[l][p], 1000, 0, 300, 8000);
				add_tone(&t->prompts[l][p], 0, 0, 700, 0);
			}
		}
	if (missing)
		log_warn("%d prompt(s) missing under %s: using beeps", missing, dir);
	add_tone(&t->ringback, 440, 480, 1000, 6000);
	add_tone(&t->ringback, 0, 0, 2000, 0);
	for (int i = 0; i < 3; i++) {
		add_tone(&t->warning, 1400, 0, 200, 8000);
		add_tone(&t->warning, 0, 0, 200, 0);
	}
	add_tone(&t->silence, 0, 0, 20, 0);
	return missing == LANG__MAX * PROMPT__MAX ? -1 : 0;
}

void tones_free(struct tones *t)
{
	for (int l = 0; l < LANG__MAX; l++)
		for (int p = 0; p < PROMPT__MAX; p++)
			free(t->prompts[l][p].samples);
	free(t->ringback.samples);
	free(t->warning.samples);
	free(t->silence.samples);
	memset(t, 0, sizeof *t);
}

const struct tone *tones_prompt(const struct tones *t, const char *lang, enum prompt_id p)
{
	int l = lang && !strcmp(lang, "en") ? LANG_EN : LANG_KO;
	return &t->prompts[l][p];
}
