/* test_card.c: the pieces of cards that need no server: vCard text parsed
 * back field by field, image checks and re-encoding, QR images, the card
 * makers' checkers and the design data. */
#include <ClearSilver.h>
#include <gd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "card_cache.h"
#include "card_data.h"
#include "card_form.h"
#include "check.h"
#include "config.h"
#include "form.h"
#include "image.h"
#include "qr.h"
#include "rec.h"
#include "vcard.h"

/* ---- a small vCard reader: unfold, split, unescape ---- */

struct prop {
	char name[64], params[128], value[1024];
};

static int vcard_parse(const char *text, struct prop *props, int max, int *long_lines,
		       int *bad_ends, int *bad_utf8)
{
	char unfolded[8192];
	size_t n = 0;
	*long_lines = *bad_ends = *bad_utf8 = 0;
	/* Physical lines: CRLF ends, at most 75 octets, whole UTF-8. */
	for (const char *p = text; *p;) {
		const char *e = strstr(p, "\r\n");
		if (!e) {
			(*bad_ends)++;
			break;
		}
		char line[256];
		size_t l = (size_t)(e - p);
		if (l > 75)
			(*long_lines)++;
		snprintf(line, sizeof line, "%.*s", (int)l, p);
		if (!utf8_clean(line, 0))
			(*bad_utf8)++;
		if (line[0] == ' ') {
			memcpy(unfolded + n, line + 1, l - 1);
			n += l - 1;
		} else {
			if (n)
				unfolded[n++] = '\n';
			memcpy(unfolded + n, line, l);
			n += l;
		}
		p = e + 2;
	}
	unfolded[n] = '\0';
	int count = 0;
	char *save = NULL;
	for (char *l = strtok_r(unfolded, "\n", &save); l && count < max; l = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(l, ':');
		/* A quoted parameter value may hold ':'? Ours hold none. */
		if (!colon)
			continue;
		*colon = '\0';
		struct prop *pr = &props[count++];
		char *semi = strchr(l, ';');
		if (semi) {
			*semi = '\0';
			snprintf(pr->params, sizeof pr->params, "%s", semi + 1);
		} else {
			pr->params[0] = '\0';
		}
		snprintf(pr->name, sizeof pr->name, "%s", l);
		/* Unescape, keeping "\;" as a marker-free ';' only where escaped:
		 * structured fields are split by the caller on unescaped ';'. */
		snprintf(pr->value, sizeof pr->value, "%s", colon + 1);
	}
	return count;
}

/* Component i (0-based) of a structured value, unescaped. */
static const char *component(const char *v, int i)
{
	static char out[512];
	size_t o = 0;
	int k = 0;
	for (const char *p = v; *p && o + 1 < sizeof out; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			if (k == i)
				out[o++] = *p == 'n' ? '\n' : *p;
		} else if (*p == ';') {
			if (k == i)
				break;
			k++;
		} else if (k == i) {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
	return out;
}

static const struct prop *find(const struct prop *p, int n, const char *name, int nth)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(p[i].name, name) && nth-- == 0)
			return &p[i];
	return NULL;
}

static void test_vcard(void)
{
	struct rec c;
	rec_init(&c);
	rec_set(&c, "name", "김민준, Kim; \\Jr");
	rec_set(&c, "show_company", "1");
	rec_set(&c, "company", "한빛무역 주식회사 (Hanbit Trading Company Limited), 해외영업본부 서울 본사");
	rec_set(&c, "show_dept", "1");
	rec_set(&c, "dept", "Overseas; Sales");
	rec_set(&c, "show_title", "0");
	rec_set(&c, "title", "hidden title");
	rec_set(&c, "show_address", "1");
	rec_set(&c, "postcode", "04524");
	rec_set(&c, "address", "110 Sejong-daero, Jung-gu");
	rec_set(&c, "office", "+82262006200");
	rec_set(&c, "mobile", "+821012345678");
	rec_set(&c, "show_fax", "1");
	rec_set(&c, "fax", "+82262006201");
	rec_set(&c, "show_email", "1");
	rec_set(&c, "email", "kim@example.com");
	rec_set(&c, "show_web", "1");
	rec_set(&c, "web", "https://example.com/a,b");
	size_t len;
	char *v = vcard_build(&c, "https://cards.example/c/TOKEN", &len);
	CHECK(len == strlen(v), "vCard length matches its text");
	struct prop p[32];
	int longl, ends, bad8;
	int n = vcard_parse(v, p, 32, &longl, &ends, &bad8);
	CHECK(longl == 0, "no vCard line is longer than 75 octets");
	CHECK(ends == 0, "every vCard line ends in CRLF");
	CHECK(bad8 == 0, "folding never splits a UTF-8 character");
	CHECK(n >= 2 && !strcmp(p[0].name, "BEGIN") && !strcmp(p[0].value, "VCARD"), "starts with BEGIN:VCARD");
	CHECK(!strcmp(p[n - 1].name, "END"), "ends with END:VCARD");
	const struct prop *x = find(p, n, "VERSION", 0);
	CHECK_STR(x ? x->value : NULL, "4.0", "VERSION 4.0");
	x = find(p, n, "FN", 0);
	CHECK_STR(x ? component(x->value, 0) : NULL, "김민준, Kim; \\Jr", "FN unescapes to the name");
	x = find(p, n, "N", 0);
	CHECK_STR(x ? component(x->value, 0) : NULL, "김민준, Kim; \\Jr", "N family part is the name");
	x = find(p, n, "ORG", 0);
	CHECK_STR(x ? component(x->value, 0) : NULL,
		  "한빛무역 주식회사 (Hanbit Trading Company Limited), 해외영업본부 서울 본사",
		  "ORG company survives folding");
	CHECK_STR(x ? component(x->value, 1) : NULL, "Overseas; Sales", "ORG unit (department)");
	CHECK(find(p, n, "TITLE", 0) == NULL, "an unticked item is left out");
	x = find(p, n, "ADR", 0);
	CHECK_STR(x ? component(x->value, 2) : NULL, "110 Sejong-daero, Jung-gu", "ADR street");
	CHECK_STR(x ? component(x->value, 5) : NULL, "04524", "ADR postcode");
	const char *tels[3] = {"tel:+82262006200", "tel:+821012345678", "tel:+82262006201"};
	const char *types[3] = {"work,voice", "cell,voice", "work,fax"};
	for (int i = 0; i < 3; i++) {
		x = find(p, n, "TEL", i);
		CHECK_STR(x ? x->value : NULL, tels[i], "TEL %d value", i);
		CHECK(x && strstr(x->params, types[i]) && strstr(x->params, "VALUE=uri"), "TEL %d type %s", i, types[i]);
	}
	x = find(p, n, "EMAIL", 0);
	CHECK_STR(x ? x->value : NULL, "kim@example.com", "EMAIL");
	x = find(p, n, "URL", 0);
	CHECK_STR(x ? x->value : NULL, "https://example.com/a,b", "URL left as a URI");
	x = find(p, n, "SOURCE", 0);
	CHECK_STR(x ? x->value : NULL, "https://cards.example/c/TOKEN/vcard", "SOURCE is the card's vCard link");
	free(v);
	rec_free(&c);
	char *e = vcard_escape("a,b;c\\d\ne\r");
	CHECK_STR(e, "a\\,b\\;c\\\\d\\ne", "escaping of , ; \\ and newlines");
	free(e);
}

/* ---- images ---- */

static void *png_bytes(int w, int h, int *len)
{
	gdImagePtr im = gdImageCreateTrueColor(w, h);
	gdImageFilledRectangle(im, 0, 0, w / 2, h / 2, gdTrueColor(200, 10, 10));
	void *p = gdImagePngPtr(im, len);
	gdImageDestroy(im);
	return p;
}

static int file_exists(const char *dir, const char *name)
{
	char path[4200];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return stat(path, &st) == 0 && st.st_size > 0;
}

static void test_images(void)
{
	char dir[] = "/tmp/callcard-img-XXXXXX";
	CHECK(mkdtemp(dir) != NULL, "temporary directory");
	char name[IMAGE_NAME_LEN], why[128];
	int len = 0;
	void *png = png_bytes(300, 120, &len);
	CHECK(image_sniff(png, (size_t)len) == IMAGE_PNG, "PNG recognised by content");
	long w = 0, h = 0;
	CHECK(image_header_size(png, (size_t)len, &w, &h) == 0 && w == 300 && h == 120, "PNG size from its header");
	CHECK(image_store(png, (size_t)len, dir, name, why, sizeof why) == 0, "a good PNG is stored (%s)", why);
	CHECK(image_name_valid(name) && strstr(name, ".png"), "stored under a random .png name (%s)", name);
	CHECK(file_exists(dir, name), "the stored file exists");
	CHECK(image_store(png, (size_t)len / 2, dir, name, why, sizeof why) < 0 && strstr(why, "incomplete"),
	      "a truncated PNG is refused (%s)", why);
	/* A header claiming 20000 x 20000 pixels. */
	unsigned char *big = malloc((size_t)len);
	memcpy(big, png, (size_t)len);
	big[16] = 0; big[17] = 0; big[18] = 0x4e; big[19] = 0x20;
	big[20] = 0; big[21] = 0; big[22] = 0x4e; big[23] = 0x20;
	CHECK(image_store(big, (size_t)len, dir, name, why, sizeof why) < 0 && strstr(why, "pixels"),
	      "a decompression bomb is refused by its header (%s)", why);
	free(big);
	gdFree(png);
	const char *text = "<svg onload=alert(1)>this is not an image</svg>";
	CHECK(image_store(text, strlen(text), dir, name, why, sizeof why) < 0 && strstr(why, "not a PNG"),
	      "text named like an image is refused (%s)", why);
	gdImagePtr im = gdImageCreateTrueColor(2000, 1000);
	int jl = 0;
	void *jpg = gdImageJpegPtr(im, &jl, 80);
	gdImageDestroy(im);
	CHECK(image_sniff(jpg, (size_t)jl) == IMAGE_JPEG, "JPEG recognised by content");
	CHECK(image_header_size(jpg, (size_t)jl, &w, &h) == 0 && w == 2000 && h == 1000, "JPEG size from its frame header");
	CHECK(image_store(jpg, (size_t)jl, dir, name, why, sizeof why) == 0 && strstr(name, ".jpg"), "a JPEG is stored as JPEG");
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	gdImagePtr back = f ? gdImageCreateFromJpeg(f) : NULL;
	if (f)
		fclose(f);
	CHECK(back && gdImageSX(back) == IMAGE_MAX_SIDE && gdImageSY(back) == IMAGE_MAX_SIDE / 2,
	      "a large image is scaled down to fit %d px", IMAGE_MAX_SIDE);
	if (back)
		gdImageDestroy(back);
	CHECK(image_store(jpg, (size_t)jl - 40, dir, name, why, sizeof why) < 0, "a truncated JPEG is refused");
	gdFree(jpg);
	CHECK(!image_name_valid("../../etc/passwd") && !image_name_valid("a.png"), "only generated names are valid");
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0, "clean up");
}

static void test_qr(void)
{
	size_t len = 0;
	void *png = qr_png("https://cards.example/c/abc", 4, &len);
	CHECK(png && len > 100 && image_sniff(png, len) == IMAGE_PNG, "QR code is a PNG");
	long w = 0, h = 0;
	CHECK(png && image_header_size(png, len, &w, &h) == 0 && w == h && w % 4 == 0 && w >= 4 * 29,
	      "QR image is square, whole modules with a quiet zone (%ld)", w);
	qr_free(png);
}

static int url_ok(const char *in, const char *want)
{
	char out[300], why[100];
	return check_web_url(in, out, sizeof out, why, sizeof why) == 0 && !strcmp(out, want);
}

static int url_bad(const char *in)
{
	char out[300], why[100];
	return check_web_url(in, out, sizeof out, why, sizeof why) < 0;
}

static void test_checkers(void)
{
	CHECK(url_ok("example.com", "https://example.com"), "bare host becomes https");
	CHECK(url_ok("http://a.example/x?y=1", "http://a.example/x?y=1"), "http URL kept");
	CHECK(url_bad("javascript:alert(1)"), "javascript: refused");
	CHECK(url_bad("https://exa mple.com"), "space refused");
	CHECK(url_bad("https://example.com/\"onmouseover=x"), "quote refused");
	CHECK(url_bad("localhost"), "host without a dot refused");
	char out[32], why[100];
	CHECK(check_postcode("04524", out, sizeof out, why, sizeof why) == 0, "postcode digits");
	CHECK(check_postcode("<b>1</b>", out, sizeof out, why, sizeof why) < 0, "postcode markup refused");
}

static void test_cache_path(void)
{
	char path[256];
	/* MD5("abc") = 900150983cd24fb0d6963f7d28e17f72; levels=1:2 files it
	 * under its last hex digit, then the two before. */
	card_cache_path("/d", "abc", path, sizeof path);
	CHECK_STR(path, "/d/2/f7/900150983cd24fb0d6963f7d28e17f72", "nginx cache file path");
}

static void test_data(void)
{
	char err[256] = "";
	unsetenv("CALLCARD_CONFIG");
	setenv("CALLCARD_STATE", "/tmp", 1);
	CHECK(config_load(err, sizeof err) == 0, "configuration loads (%s)", err);
	CHECK(card_data_load() == 0, "designs.hdf and labels.hdf load and check");
	HDF *h;
	hdf_init(&h);
	card_data_to_hdf(h);
	int designs = 0;
	for (HDF *d = hdf_get_child(h, "Designs"); d; d = hdf_obj_next(d))
		designs++;
	CHECK(designs >= 8, "at least 8 sample designs (%d)", designs);
	CHECK(card_data_has("Languages", "ko") && card_data_has("Languages", "en"), "Korean and English");
	CHECK(strcmp(hdf_get_value(h, "Labels.ko.call_phone", ""), hdf_get_value(h, "Labels.en.call_phone", "")) != 0,
	      "button labels differ per language");
	CHECK(!card_data_has("Designs", "../x") && !card_data_has("Designs", "classic.Title"), "no path tricks");
	hdf_destroy(&h);
	struct rec c;
	rec_init(&c);
	card_apply_design(&c, "night");
	CHECK_STR(rec_get(&c, "bg"), "#111827", "a design's colours are copied");
	CHECK(card_colour_valid("#a0B1c2") && !card_colour_valid("red") && !card_colour_valid("#12345g"),
	      "colour check");
	rec_free(&c);
}

int main(void)
{
	test_vcard();
	test_images();
	test_qr();
	test_checkers();
	test_cache_path();
	test_data();
	return check_done();
}
