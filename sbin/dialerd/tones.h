/* tones.h: prompts (8 kHz WAV files made at build time) and generated tones. */
#ifndef DIALERD_TONES_H
#define DIALERD_TONES_H
#include <stddef.h>
#include <stdint.h>

struct tone {
	int16_t *samples; /* 8 kHz linear */
	size_t n;
};

enum prompt_id { PROMPT_CONFIRM, PROMPT_GUIDANCE, PROMPT__MAX };
enum lang_id { LANG_KO, LANG_EN, LANG__MAX };

struct tones {
	struct tone prompts[LANG__MAX][PROMPT__MAX];
	struct tone ringback;  /* one cadence: 1 s on, 2 s off */
	struct tone warning;   /* three short beeps */
	struct tone silence;   /* 20 ms */
};

/* Loads prompts from dir/<lang>/<name>.wav (any format libsndfile reads,
 * resampled at build time to 8 kHz mono) and makes the tones. A missing
 * prompt becomes a short beep so the call still works. 0, or -1 when dir
 * is unreadable. */
int tones_load(struct tones *t, const char *dir);
void tones_free(struct tones *t);
const struct tone *tones_prompt(const struct tones *t, const char *lang, enum prompt_id p);

#endif
