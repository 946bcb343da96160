/* home.c: the home page, and the 404 page for any other path.
 *
 * WEBPAGE: / */
#include <string.h>

#include "app.h"
#include "render.h"
#include "response.h"

/* WEBPAGE: / */
static int page_home(struct request *r)
{
	if (strcmp(r->path, "/") != 0) {
		resp_error(r, 404, "There is no page at this address.");
		return 0;
	}
	hdf_set(r->hdf, "Page.Title", "Business cards that call");
	if (req_param(r, "bye"))
		hdf_set(r->hdf, "Bye", "1");
	resp_page(r, 200, "home.cs");
	return 0;
}

static const struct route routes[] = {
	{"/", ROUTE_PREFIX, page_home},
	{NULL, 0, NULL},
};

int main(void)
{
	return app_main("home", routes, NULL);
}
