/* livecard.c: the public card: the page, its vCard and its QR code.
 *
 * The page is the same for every visitor (no session data on it), so
 * nginx may keep it for a second; see etc/nginx-callcard.conf.
 *
 * WEBPAGE: /c/<token> /c/<token>/vcard /c/<token>/qr.png */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "card.h"
#include "card_data.h"
#include "config.h"
#include "db.h"
#include "qr.h"
#include "render.h"
#include "response.h"
#include "token.h"
#include "vcard.h"

enum part { PART_PAGE, PART_VCARD, PART_QR };

/* Splits /c/<token>[/vcard|/qr.png]; -1 for anything else. */
static int parse_path(const char *path, char token[TOKEN_LEN], enum part *part)
{
	const char *t = path + 3;
	size_t n = strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
	if (n != TOKEN_LEN - 1)
		return -1;
	memcpy(token, t, n);
	token[n] = '\0';
	const char *rest = t + n;
	if (!*rest)
		*part = PART_PAGE;
	else if (!strcmp(rest, "/vcard"))
		*part = PART_VCARD;
	else if (!strcmp(rest, "/qr.png"))
		*part = PART_QR;
	else
		return -1;
	return 0;
}

/* WEBPAGE: /c/ */
static int page_card(struct request *r)
{
	char token[TOKEN_LEN];
	enum part part;
	uint64_t id;
	struct rec c;
	if (parse_path(r->path, token, &part) != 0 || card_find_token(NULL, token, &id) != 0 ||
	    card_get(NULL, id, &c) != 0) {
		resp_error(r, 404, "There is no card at this link. Ask its owner for a new one.");
		return 0;
	}
	if (strcmp(rec_get(&c, "state") ? rec_get(&c, "state") : "", "live") != 0) {
		rec_free(&c);
		resp_error(r, 404, "This card is not finished yet. Its owner is still designing it.");
		return 0;
	}
	char url[512];
	snprintf(url, sizeof url, "%s/c/%s", config_str("Site.BaseURL"), token);
	if (part == PART_VCARD) {
		size_t len;
		char *v = vcard_build(&c, url, &len);
		resp_header(r, "Content-Disposition", "attachment; filename=\"card.vcf\"");
		resp_header(r, "Cache-Control", "no-cache");
		resp_body(r, 200, "text/vcard; charset=utf-8", v, len);
		free(v);
	} else if (part == PART_QR) {
		size_t len;
		void *png = qr_png(url, 6, &len);
		if (!png) {
			resp_error(r, 500, "The QR code could not be drawn.");
		} else {
			resp_header(r, "Cache-Control", "public, max-age=86400");
			resp_body(r, 200, "image/png", png, len);
			qr_free(png);
		}
	} else {
		card_to_hdf(r->hdf, "Card", id, &c);
		hdf_set(r->hdf, "Page.Title", rec_get(&c, "name"));
		hdf_set(r->hdf, "Page.Lang", rec_get(&c, "lang"));
		/* Shared caches must revalidate: an edit shows within a second. */
		resp_header(r, "Cache-Control", "no-cache");
		resp_page(r, 200, "livecard.cs");
	}
	rec_free(&c);
	return 0;
}

static const struct route routes[] = {
	{"/c/", ROUTE_PREFIX, page_card},
	{NULL, 0, NULL},
};

int main(void)
{
	return app_main("livecard", routes, card_data_load);
}
