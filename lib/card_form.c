/* card_form.c: the fields of the card makers and how they are checked. */
#include "card_form.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "card_data.h"
#include "config.h"
#include "form.h"
#include "image.h"
#include "render.h"

int check_web_url(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	char buf[256];
	if (check_text_line(in, buf, sizeof buf, why, whylen) < 0)
		return -1;
	const char *host = NULL;
	if (!strncmp(buf, "https://", 8))
		host = buf + 8;
	else if (!strncmp(buf, "http://", 7))
		host = buf + 7;
	/* "example.com" alone is taken as a web address too. */
	char full[300];
	if (!host) {
		snprintf(full, sizeof full, "https://%s", buf);
		host = full + 8;
	} else {
		snprintf(full, sizeof full, "%s", buf);
	}
	size_t hl = strcspn(host, "/?#");
	int ok = hl > 0 && memchr(host, '.', hl) != NULL;
	for (size_t i = 0; ok && i < hl; i++)
		ok = isalnum((unsigned char)host[i]) || host[i] == '.' || host[i] == '-' ||
		     host[i] == ':';
	for (const char *p = full; ok && *p; p++)
		ok = (unsigned char)*p > 0x20 && !strchr("\"<>\\^`{|}", *p);
	if (!ok) {
		snprintf(why, whylen, "is not a web address (like https://example.com)");
		return -1;
	}
	snprintf(out, outlen, "%s", full);
	return 0;
}

int check_postcode(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	char buf[32];
	if (check_text_line(in, buf, sizeof buf, why, whylen) < 0)
		return -1;
	size_t n = strspn(buf, "0123456789- ABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (n != strlen(buf) || n > 12) {
		snprintf(why, whylen, "must be digits (and letters or a dash)");
		return -1;
	}
	snprintf(out, outlen, "%s", buf);
	return 0;
}

static int check_modes(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	if (strcmp(in, "phone") && strcmp(in, "pc") && strcmp(in, "both")) {
		snprintf(why, whylen, "must be phone-to-phone, PC-to-phone or both");
		return -1;
	}
	snprintf(out, outlen, "%s", in);
	return 0;
}

static int check_payer(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	if (strcmp(in, "owner") && strcmp(in, "recipient") && strcmp(in, "split")) {
		snprintf(why, whylen, "must be you, the caller, or shared");
		return -1;
	}
	snprintf(out, outlen, "%s", in);
	return 0;
}

/* A choice from one of the design data lists. */
static int check_choice(struct request *r, const char *field, const char *list, const char *label)
{
	const char *v = req_param(r, field);
	char key[64];
	snprintf(key, sizeof key, "Form.%s", field);
	hdf_set(r->hdf, key, v ? v : "");
	if (card_data_has(list, v))
		return 0;
	char why[160];
	snprintf(why, sizeof why, "Choose one of the offered %s.", label);
	form_error(r, field, why);
	return 1;
}

static int checkbox(struct request *r, const char *name)
{
	const char *v = req_param(r, name);
	int on = v && !strcmp(v, "1");
	char key[64];
	snprintf(key, sizeof key, "Form.%s", name);
	hdf_set(r->hdf, key, on ? "1" : "");
	return on;
}

/* Both numbers: the typed text kept (*_text) next to the E.164 value. */
static int numbers(struct request *r, const struct rec *in, struct rec *card)
{
	static const char *const kinds[] = {"office", "mobile"};
	int any = 0;
	for (int i = 0; i < 2; i++) {
		const char *num = rec_get(in, kinds[i]);
		char key[32], typed[64], why[64];
		rec_set(card, kinds[i], num ? num : "");
		snprintf(key, sizeof key, "%s_text", kinds[i]);
		const char *raw = req_param(r, kinds[i]);
		if (num && *num && raw && check_text_line(raw, typed, sizeof typed, why, sizeof why) == 0)
			rec_set(card, key, typed);
		else
			rec_set(card, key, "");
		any |= num && *num;
	}
	if (!any)
		form_error(r, "office", "Enter at least one phone number: a card needs a call button.");
	return !any;
}

/* Stores an uploaded image field into card[field]; 0 when none was sent. */
static int upload(struct request *r, const char *field, const char *label, struct rec *card)
{
	const struct param *f = req_file(r, field);
	if (!f || f->len == 0)
		return 0;
	char dir[4096], name[IMAGE_NAME_LEN], why[128], msg[200];
	config_path("Paths.Uploads", dir, sizeof dir);
	if (image_store(f->value, f->len, dir, name, why, sizeof why) != 0) {
		snprintf(msg, sizeof msg, "%s %s. Nothing was changed.", label, why);
		form_error(r, field, msg);
		return 1;
	}
	rec_set(card, field, name);
	return 0;
}

static const struct field_rule quick_fields[] = {
	{"name", "Name", 1, 100, check_text_line, 1},
	{"company", "Company", 0, 100, check_text_line, 1},
	{"title", "Title", 0, 100, check_text_line, 1},
	{"office", "Office number", 0, 32, check_phone, 1},
	{"mobile", "Mobile number", 0, 32, check_phone, 1},
	{NULL, NULL, 0, 0, NULL, 0},
};

static void set_lang(struct request *r, struct rec *card, int *bad)
{
	*bad += check_choice(r, "lang", "Languages", "languages");
	const char *l = req_param(r, "lang");
	if (card_data_has("Languages", l))
		rec_set(card, "lang", l);
}

int card_form_quick(struct request *r, struct rec *card)
{
	struct rec in;
	rec_init(&in);
	int bad = form_check(r, quick_fields, &in);
	bad += check_choice(r, "design", "Designs", "designs");
	set_lang(r, card, &bad);
	if (!bad)
		bad += numbers(r, &in, card);
	if (!bad) {
		card_apply_design(card, req_param(r, "design"));
		static const char *const items[] = {"company", "title"};
		rec_set(card, "name", rec_get(&in, "name"));
		for (int i = 0; i < 2; i++) {
			char key[32];
			const char *v = rec_get(&in, items[i]);
			rec_set(card, items[i], v ? v : "");
			snprintf(key, sizeof key, "show_%s", items[i]);
			rec_set(card, key, v && *v ? "1" : "0");
		}
		rec_set(card, "office_modes", "phone");
		rec_set(card, "office_payer", "owner");
		rec_set(card, "mobile_modes", "phone");
		rec_set(card, "mobile_payer", "owner");
		rec_set(card, "links", "1");
		rec_set(card, "state", "live");
	}
	rec_free(&in);
	return bad;
}

static const struct field_rule content_fields[] = {
	{"name", "Name", 1, 100, check_text_line, 1},
	{"company", "Company", 0, 100, check_text_line, 1},
	{"dept", "Department", 0, 100, check_text_line, 1},
	{"title", "Title", 0, 100, check_text_line, 1},
	{"postcode", "Postcode", 0, 12, check_postcode, 1},
	{"address", "Address", 0, 200, check_text_line, 1},
	{"fax", "Fax", 0, 32, check_phone, 1},
	{"email", "E-mail", 0, 254, check_email, 1},
	{"web", "Home page", 0, 200, check_web_url, 1},
	{"office", "Office number", 0, 32, check_phone, 1},
	{"office_modes", "Office call mode", 1, 8, check_modes, 1},
	{"office_payer", "Office fee payer", 1, 12, check_payer, 1},
	{"mobile", "Mobile number", 0, 32, check_phone, 1},
	{"mobile_modes", "Mobile call mode", 1, 8, check_modes, 1},
	{"mobile_payer", "Mobile fee payer", 1, 12, check_payer, 1},
	{NULL, NULL, 0, 0, NULL, 0},
};

/* Checkbox, the field it shows, and that field's label. */
static const struct {
	const char *flag, *field, *label;
} items[] = {
	{"show_company", "company", "Company"},
	{"show_dept", "dept", "Department"},
	{"show_title", "title", "Title"},
	{"show_address", "address", "Address"},
	{"show_fax", "fax", "Fax"},
	{"show_email", "email", "E-mail"},
	{"show_web", "web", "Home page"},
};

int card_form_content(struct request *r, struct rec *card)
{
	struct rec in;
	rec_init(&in);
	int bad = form_check(r, content_fields, &in);
	bad += check_choice(r, "button_style", "ButtonStyles", "call-button images");
	set_lang(r, card, &bad);
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		int on = checkbox(r, items[i].flag);
		const char *v = rec_get(&in, items[i].field);
		char why[160];
		if (on && v && !*v) {
			snprintf(why, sizeof why, "%s is ticked: fill it in, or untick it.",
				 items[i].label);
			form_error(r, items[i].field, why);
			bad++;
		}
	}
	int logo = checkbox(r, "show_logo");
	const struct param *lf = req_file(r, "logo");
	if (logo && !(lf && lf->len) && !(rec_get(card, "logo") && *rec_get(card, "logo"))) {
		form_error(r, "logo", "Logo is ticked: choose an image file, or untick it.");
		bad++;
	}
	if (!bad)
		bad += numbers(r, &in, card);
	if (!bad)
		bad += upload(r, "logo", "The logo image", card);
	if (!bad) {
		static const char *const copy[] = {"name", "company", "dept", "title", "postcode",
						   "address", "fax", "email", "web", "office_modes",
						   "office_payer", "mobile_modes", "mobile_payer"};
		for (size_t i = 0; i < sizeof copy / sizeof copy[0]; i++)
			rec_set(card, copy[i], rec_get(&in, copy[i]) ? rec_get(&in, copy[i]) : "");
		char typed[64], why[64];
		const char *raw = req_param(r, "fax");
		rec_set(card, "fax_text",
			raw && check_text_line(raw, typed, sizeof typed, why, sizeof why) == 0 ? typed
											      : "");
		for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
			rec_set(card, items[i].flag, checkbox(r, items[i].flag) ? "1" : "0");
		rec_set(card, "show_logo", logo ? "1" : "0");
		rec_set(card, "button_style", req_param(r, "button_style"));
	}
	rec_free(&in);
	return bad;
}

static const struct field_rule look_fields[] = {
	{"bg", "Background colour", 1, 7, NULL, 1},
	{"color", "Text colour", 1, 7, NULL, 1},
	{"accent", "Accent colour", 1, 7, NULL, 1},
	{"text1", "Text box 1", 0, 300, check_text_block, 1},
	{"text2", "Text box 2", 0, 300, check_text_block, 1},
	{NULL, NULL, 0, 0, NULL, 0},
};

int card_form_look(struct request *r, struct rec *card)
{
	struct rec in;
	rec_init(&in);
	int bad = form_check(r, look_fields, &in);
	static const char *const colours[] = {"bg", "color", "accent"};
	for (int i = 0; i < 3; i++) {
		const char *v = rec_get(&in, colours[i]);
		if (v && !card_colour_valid(v)) {
			form_error(r, colours[i], "Pick a colour (#rrggbb).");
			bad++;
		}
	}
	static const struct {
		const char *field, *list, *label;
	} choices[] = {
		{"layout", "Layouts", "layouts"}, {"pattern", "Patterns", "patterns"},
		{"font", "Fonts", "fonts"},       {"size", "Sizes", "sizes"},
		{"align", "Aligns", "alignments"},
	};
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		bad += check_choice(r, choices[i].field, choices[i].list, choices[i].label);
	static const char *const flags[] = {"bold", "italic", "underline", "links"};
	int on[4];
	for (int i = 0; i < 4; i++)
		on[i] = checkbox(r, flags[i]);
	static const char *const images[] = {"bgimage", "image1", "image2"};
	static const char *const image_labels[] = {"The background image", "Image 1", "Image 2"};
	int drop[3];
	for (int i = 0; i < 3; i++) {
		char key[32];
		snprintf(key, sizeof key, "%s_remove", images[i]);
		drop[i] = checkbox(r, key);
	}
	/* Work on a copy so that a failed upload leaves the card unchanged. */
	struct rec next;
	rec_init(&next);
	for (int i = 0; !bad && i < 3; i++)
		bad += upload(r, images[i], image_labels[i], &next);
	if (!bad) {
		for (int i = 0; i < 3; i++)
			rec_set(card, colours[i], rec_get(&in, colours[i]));
		for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
			rec_set(card, choices[i].field, req_param(r, choices[i].field));
		for (int i = 0; i < 4; i++)
			rec_set(card, flags[i], on[i] ? "1" : "0");
		rec_set(card, "text1", rec_get(&in, "text1") ? rec_get(&in, "text1") : "");
		rec_set(card, "text2", rec_get(&in, "text2") ? rec_get(&in, "text2") : "");
		for (int i = 0; i < 3; i++) {
			if (rec_get(&next, images[i]))
				rec_set(card, images[i], rec_get(&next, images[i]));
			else if (drop[i])
				rec_set(card, images[i], "");
		}
	}
	rec_free(&next);
	rec_free(&in);
	return bad;
}

void card_form_fill(struct request *r, const struct rec *card)
{
	static const char *const plain[] = {
		"name", "company", "dept", "title", "postcode", "address", "email", "web",
		"office_modes", "office_payer", "mobile_modes", "mobile_payer", "button_style",
		"lang", "layout", "bg", "pattern", "color", "accent", "font", "size", "align",
		"text1", "text2", "show_company", "show_dept", "show_title", "show_address",
		"show_fax", "show_email", "show_web", "show_logo", "bold", "italic", "underline",
		"links", "logo", "bgimage", "image1", "image2", "design"};
	char key[64];
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		const char *v = rec_get(card, plain[i]);
		snprintf(key, sizeof key, "Form.%s", plain[i]);
		/* Checkboxes are "1" or empty in the form. */
		if (v && !strcmp(v, "0") && (!strncmp(plain[i], "show_", 5) || !strcmp(plain[i], "bold") ||
					     !strcmp(plain[i], "italic") || !strcmp(plain[i], "underline") ||
					     !strcmp(plain[i], "links")))
			v = "";
		hdf_set(r->hdf, key, v ? v : "");
	}
	hdf_set(r->hdf, "Form.office", rec_get(card, "office_text"));
	hdf_set(r->hdf, "Form.mobile", rec_get(card, "mobile_text"));
	hdf_set(r->hdf, "Form.fax", rec_get(card, "fax_text"));
}
