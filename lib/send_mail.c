/* send_mail.c: the two parts of a card mail, from templates/mail_card*.cs. */
#include <ClearSilver.h>
#include <stdlib.h>

#include "card.h"
#include "card_data.h"
#include "render.h"
#include "send.h"

HDF *send_mail_hdf(uint64_t card_id, const char *owner_name, const char *message)
{
	struct rec c;
	if (card_get(NULL, card_id, &c) != 0)
		return NULL;
	HDF *hdf = render_new_hdf();
	card_to_hdf(hdf, "Card", card_id, &c);
	rec_free(&c);
	hdf_set(hdf, "Owner.name", owner_name);
	hdf_set(hdf, "Message", message ? message : "");
	return hdf;
}

int send_mail_render(HDF *hdf, const char *unsub_url, char **html, char **text)
{
	size_t len;
	hdf_set(hdf, "Unsubscribe", unsub_url ? unsub_url : "");
	*html = render_template(hdf, "mail_card.cs", &len);
	*text = render_template(hdf, "mail_card_text.cs", &len);
	if (*html && *text)
		return 0;
	free(*html);
	free(*text);
	*html = *text = NULL;
	return -1;
}
