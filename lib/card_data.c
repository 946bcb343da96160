/* card_data.c: design data for cards, and cards as template data. */
#include "card_data.h"

#include <ClearSilver.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "card.h"
#include "config.h"
#include "log.h"
#include "render.h"

static HDF *data;

/* The look fields a design sets (see designs.hdf). */
static const char *const look_fields[] = {
	"layout", "bg", "pattern", "color", "accent", "font", "size", "align", "button_style", NULL,
};

int card_colour_valid(const char *s)
{
	if (!s || s[0] != '#' || strlen(s) != 7)
		return 0;
	for (int i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int card_data_has(const char *list, const char *key)
{
	if (!data || !key || !*key || strchr(key, '.'))
		return 0;
	char path[128];
	snprintf(path, sizeof path, "%s.%s", list, key);
	return hdf_get_obj(data, path) != NULL;
}

/* A font stack goes into a style attribute: names, quotes, commas only. */
static int stack_valid(const char *s)
{
	return s && *s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 \",-") ==
				  strlen(s);
}

static int check_designs(void)
{
	for (HDF *d = hdf_get_child(data, "Designs"); d; d = hdf_obj_next(d)) {
		const char *name = hdf_obj_name(d);
		const char *bad = NULL;
		if (!card_colour_valid(hdf_get_value(d, "bg", NULL)) ||
		    !card_colour_valid(hdf_get_value(d, "color", NULL)) ||
		    !card_colour_valid(hdf_get_value(d, "accent", NULL)))
			bad = "a colour is not #rrggbb";
		else if (!card_data_has("Layouts", hdf_get_value(d, "layout", NULL)))
			bad = "unknown layout";
		else if (!card_data_has("Patterns", hdf_get_value(d, "pattern", NULL)))
			bad = "unknown pattern";
		else if (!card_data_has("Fonts", hdf_get_value(d, "font", NULL)))
			bad = "unknown font";
		else if (!card_data_has("Sizes", hdf_get_value(d, "size", NULL)))
			bad = "unknown size";
		else if (!card_data_has("Aligns", hdf_get_value(d, "align", NULL)))
			bad = "unknown alignment";
		else if (!card_data_has("ButtonStyles", hdf_get_value(d, "button_style", NULL)))
			bad = "unknown button style";
		if (bad) {
			log_error("designs.hdf: design %s: %s", name, bad);
			return -1;
		}
	}
	for (HDF *f = hdf_get_child(data, "Fonts"); f; f = hdf_obj_next(f)) {
		if (!stack_valid(hdf_get_value(f, "stack", NULL))) {
			log_error("designs.hdf: font %s: bad stack", hdf_obj_name(f));
			return -1;
		}
	}
	return 0;
}

int card_data_load(void)
{
	static const char *const files[] = {"designs.hdf", "labels.hdf"};
	if (data)
		return 0;
	NEOERR *err = hdf_init(&data);
	for (size_t i = 0; !err && i < 2; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", config_str("Paths.Templates"), files[i]);
		err = hdf_read_file(data, path);
	}
	if (err) {
		STRING s;
		string_init(&s);
		nerr_error_string(err, &s);
		log_error("card data: %s", s.buf ? s.buf : "cannot read");
		string_clear(&s);
		nerr_ignore(&err);
		return -1;
	}
	return check_designs();
}

void card_data_to_hdf(HDF *hdf)
{
	static const char *const lists[] = {"Designs", "Fonts", "Patterns", "Layouts", "Sizes",
					    "Aligns", "ButtonStyles", "Languages", "Labels"};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		NEOERR *err = hdf_copy(hdf, lists[i], hdf_get_obj(data, lists[i]));
		nerr_ignore(&err);
	}
}

void card_apply_design(struct rec *card, const char *design)
{
	char path[128];
	snprintf(path, sizeof path, "Designs.%s", design);
	HDF *d = hdf_get_obj(data, path);
	if (!d)
		return;
	rec_set(card, "design", design);
	for (int i = 0; look_fields[i]; i++)
		rec_set(card, look_fields[i], hdf_get_value(d, look_fields[i], ""));
}

/* prefix.Numbers.N: one row per number (kind, text) holding its buttons
 * (Buttons.M = the index of a button in prefix.Buttons), so that a number
 * with two call modes shows once with two buttons beside it. */
static void group_numbers(HDF *hdf, const char *prefix)
{
	char key[256];
	snprintf(key, sizeof key, "%s.Buttons", prefix);
	int row = -1, m = 0;
	const char *last = "";
	for (HDF *b = hdf_get_child(hdf, key); b; b = hdf_obj_next(b)) {
		const char *kind = hdf_get_value(b, "kind", "");
		if (row < 0 || strcmp(kind, last)) {
			row++;
			m = 0;
			snprintf(key, sizeof key, "%s.Numbers.%d.kind", prefix, row);
			hdf_set(hdf, key, kind);
			snprintf(key, sizeof key, "%s.Numbers.%d.text", prefix, row);
			hdf_set(hdf, key, hdf_get_value(b, "text", ""));
		}
		last = kind;
		snprintf(key, sizeof key, "%s.Numbers.%d.Buttons.%d", prefix, row, m++);
		hdf_set(hdf, key, hdf_obj_name(b));
	}
}

void card_to_hdf(HDF *hdf, const char *prefix, uint64_t id, const struct rec *card)
{
	char key[256];
	rec_to_hdf(card, hdf, prefix);
	snprintf(key, sizeof key, "%s.id", prefix);
	hdf_set_int(hdf, key, (long long)id);
	snprintf(key, sizeof key, "%s.url", prefix);
	hdf_setf(hdf, key, "%s/c/%s", config_str("Site.BaseURL"),
		 rec_get(card, "token") ? rec_get(card, "token") : "");
	const char *lang = rec_get(card, "lang");
	snprintf(key, sizeof key, "Labels.%s", card_data_has("Languages", lang) ? lang : "en");
	char dst[256];
	snprintf(dst, sizeof dst, "%s.L", prefix);
	NEOERR *err = hdf_copy(hdf, dst, hdf_get_obj(data, key));
	nerr_ignore(&err);
	const char *font = rec_get(card, "font");
	snprintf(key, sizeof key, "Fonts.%s.stack", card_data_has("Fonts", font) ? font : "sans");
	snprintf(dst, sizeof dst, "%s.fontstack", prefix);
	hdf_set(hdf, dst, hdf_get_value(data, key, "sans-serif"));

	char list[CARD_MAX_BUTTONS * CARD_BUTTON_ID_LEN + 8];
	snprintf(list, sizeof list, "%s", rec_get(card, "buttons") ? rec_get(card, "buttons") : "");
	char *save = NULL;
	int n = 0;
	for (char *b = strtok_r(list, " ", &save); b; b = strtok_r(NULL, " ", &save)) {
		struct rec br;
		if (card_button_get(NULL, b, &br) != 0)
			continue;
		static const char *const bf[] = {"kind", "mode", "payer", "number", "style"};
		snprintf(key, sizeof key, "%s.Buttons.%d.id", prefix, n);
		hdf_set(hdf, key, b);
		for (size_t i = 0; i < sizeof bf / sizeof bf[0]; i++) {
			snprintf(key, sizeof key, "%s.Buttons.%d.%s", prefix, n, bf[i]);
			hdf_set(hdf, key, rec_get(&br, bf[i]));
		}
		/* The number as the owner typed it, for display. */
		snprintf(dst, sizeof dst, "%s_text", rec_get(&br, "kind"));
		snprintf(key, sizeof key, "%s.Buttons.%d.text", prefix, n);
		hdf_set(hdf, key, rec_get(card, dst) ? rec_get(card, dst) : rec_get(&br, "number"));
		rec_free(&br);
		n++;
	}
	group_numbers(hdf, prefix);
}

void card_sample_to_hdf(HDF *hdf, const char *prefix, const char *design)
{
	struct rec c;
	rec_init(&c);
	for (HDF *f = hdf_get_child(data, "Sample"); f; f = hdf_obj_next(f))
		rec_set(&c, hdf_obj_name(f), hdf_obj_value(f));
	card_apply_design(&c, design);
	card_to_hdf(hdf, prefix, 0, &c);
	static const char *const kinds[] = {"office", "mobile"};
	for (int i = 0; i < 2; i++) {
		char key[256], field[32];
		snprintf(field, sizeof field, "%s_text", kinds[i]);
		snprintf(key, sizeof key, "%s.Buttons.%d.kind", prefix, i);
		hdf_set(hdf, key, kinds[i]);
		snprintf(key, sizeof key, "%s.Buttons.%d.mode", prefix, i);
		hdf_set(hdf, key, "phone");
		snprintf(key, sizeof key, "%s.Buttons.%d.payer", prefix, i);
		hdf_set(hdf, key, "owner");
		snprintf(key, sizeof key, "%s.Buttons.%d.style", prefix, i);
		hdf_set(hdf, key, rec_get(&c, "button_style"));
		snprintf(key, sizeof key, "%s.Buttons.%d.text", prefix, i);
		hdf_set(hdf, key, rec_get(&c, field));
	}
	group_numbers(hdf, prefix);
	rec_free(&c);
}
