/* config.c: embedded defaults, the operator's HDF file on top, validation. */
#include "config.h"

#include <ClearSilver.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_rules.h"

static HDF *config_tree;

/* With no file at all, these run the whole service on loopback. Relative
 * paths are under the state directory (CC_STATEDIR, or $CALLCARD_STATE). */
static const char config_defaults[] =
	"Site.Name = callcard\n"
	"Site.BaseURL = http://127.0.0.1:8080\n"
	"Site.Lang = en\n"
	"Paths.DB = db\n"
	"Paths.Run = var/run\n"
	"Paths.Uploads = var/uploads\n"
	"Paths.Templates = " CC_DATADIR "/templates\n"
	"Paths.Static = " CC_DATADIR "/static\n"
	"Web.Workers = 4\n"
	"Web.MaxBody = 1048576\n"
	"Web.MaxUpload = 4194304\n"
	"Web.SessionDays = 14\n"
	"Web.SecureCookies = 0\n"
	"Web.UploadKeepDays = 30\n"
	"Security.LoginMaxFailures = 5\n"
	"Security.LoginWindowSeconds = 900\n"
	"Security.PasswordMinLength = 10\n"
	"Phone.DefaultCountry = 82\n"
	"Mail.From = callcard@callcard.localhost\n"
	"Mail.SMTPHost = 127.0.0.1\n"
	"Mail.SMTPPort = 2525\n"
	"Mail.SMTPTLS = 0\n"
	"Mail.SMTPUser = \n"
	"Mail.SMTPPassword = \n"
	"Mail.Parallel = 4\n"
	"Mail.RetrySeconds = 60\n"
	"Mail.MaxAttempts = 8\n"
	"Mail.MaxRecipients = 50\n"
	"Mail.MaxPerDay = 500\n"
	"Dialer.Socket = var/run/dialerd.sock\n"
	"Billing.SignupMileage = 100\n"
	"Billing.ReportTo = \n"
	"Call.AllowedCountries = 82\n"
	"Call.DeniedPrefixes = +8260 +870 +881 +882 +883 +979\n"
	"Call.MinDigits = 8\n"
	"Call.WindowSeconds = 3600\n"
	"Call.PerIP = 10\n"
	"Call.PerCard = 30\n"
	"Call.PerNumber = 5\n"
	"Call.HumanCheck = 1\n"
	"Call.OrderTimeoutMs = 2000\n"
	"Call.DailySpendCap = 5000\n"
	"Call.SoftphoneLocal = 0\n"
	"Call.SoftphoneNames = 0\n"
	"Call.ScheduleMinSeconds = 300\n"
	"Call.ScheduleMaxSeconds = 604800\n";

const struct config_rule config_rules[] = {
	{"Site.Name", CFG_TEXT, 1, 64},
	{"Site.BaseURL", CFG_URL, 0, 0},
	{"Site.Lang", CFG_TEXT, 2, 2},
	{"Paths.DB", CFG_PATH, 0, 0},
	{"Paths.Run", CFG_PATH, 0, 0},
	{"Paths.Uploads", CFG_PATH, 0, 0},
	{"Paths.Templates", CFG_PATH, 0, 0},
	{"Paths.Static", CFG_PATH, 0, 0},
	{"Web.Workers", CFG_INT, 1, 64},
	{"Web.MaxBody", CFG_INT, 1024, 64L * 1024 * 1024},
	{"Web.MaxUpload", CFG_INT, 1024, 64L * 1024 * 1024},
	{"Web.SessionDays", CFG_INT, 1, 365},
	{"Web.SecureCookies", CFG_INT, 0, 1},
	{"Web.UploadKeepDays", CFG_INT, 1, 3650},
	{"Security.LoginMaxFailures", CFG_INT, 1, 1000},
	{"Security.LoginWindowSeconds", CFG_INT, 10, 86400},
	{"Security.PasswordMinLength", CFG_INT, 8, 128},
	{"Phone.DefaultCountry", CFG_INT, 1, 999},
	{"Mail.From", CFG_TEXT, 3, 254},
	{"Mail.SMTPHost", CFG_TEXT, 1, 253},
	{"Mail.SMTPPort", CFG_INT, 1, 65535},
	{"Mail.SMTPTLS", CFG_INT, 0, 1},
	{"Mail.SMTPUser", CFG_TEXT, 0, 200},
	{"Mail.SMTPPassword", CFG_TEXT, 0, 200},
	{"Mail.Parallel", CFG_INT, 1, 32},
	{"Mail.RetrySeconds", CFG_INT, 1, 86400},
	{"Mail.MaxAttempts", CFG_INT, 1, 100},
	{"Mail.MaxRecipients", CFG_INT, 1, 10000},
	{"Mail.MaxPerDay", CFG_INT, 1, 1000000},
	{"Dialer.Socket", CFG_PATH, 0, 0},
	{"Billing.SignupMileage", CFG_INT, 0, 1000000},
	{"Billing.ReportTo", CFG_TEXT, 0, 254},
	{"Call.AllowedCountries", CFG_TEXT, 1, 400},
	{"Call.DeniedPrefixes", CFG_TEXT, 0, 2000},
	{"Call.MinDigits", CFG_INT, 3, 15},
	{"Call.WindowSeconds", CFG_INT, 10, 86400 * 7},
	{"Call.PerIP", CFG_INT, 1, 1000000},
	{"Call.PerCard", CFG_INT, 1, 1000000},
	{"Call.PerNumber", CFG_INT, 1, 1000000},
	{"Call.HumanCheck", CFG_INT, 0, 1},
	{"Call.OrderTimeoutMs", CFG_INT, 100, 30000},
	{"Call.DailySpendCap", CFG_INT, 0, 1000000000},
	{"Call.SoftphoneLocal", CFG_INT, 0, 1},
	{"Call.SoftphoneNames", CFG_INT, 0, 1},
	{"Call.ScheduleMinSeconds", CFG_INT, 0, 86400},
	{"Call.ScheduleMaxSeconds", CFG_INT, 60, 86400 * 366},
	{NULL, 0, 0, 0},
};

static const char *state_dir(void)
{
	const char *s = getenv("CALLCARD_STATE");
	return s && *s ? s : CC_STATEDIR;
}

static int set_err(char *err, size_t errlen, NEOERR *nerr, const char *what)
{
	STRING s;
	string_init(&s);
	nerr_error_string(nerr, &s);
	snprintf(err, errlen, "%s: %s", what, s.buf ? s.buf : "error");
	string_clear(&s);
	nerr_ignore(&nerr);
	return -1;
}

int config_check_value(const struct config_rule *rule, const char *v, char *why,
		       size_t whylen)
{
	switch (rule->type) {
	case CFG_INT: {
		char *end;
		errno = 0;
		long n = strtol(v, &end, 10);
		if (!*v || *end || errno) {
			snprintf(why, whylen, "'%s' is not a whole number", v);
			return -1;
		}
		if (n < rule->min || n > rule->max) {
			snprintf(why, whylen, "%ld is outside %ld..%ld", n, rule->min, rule->max);
			return -1;
		}
		return 0;
	}
	case CFG_TEXT: {
		size_t len = strlen(v);
		if ((long)len < rule->min || (long)len > rule->max) {
			snprintf(why, whylen, "length must be %ld..%ld characters", rule->min, rule->max);
			return -1;
		}
		for (const char *p = v; *p; p++)
			if ((unsigned char)*p < 0x20) {
				snprintf(why, whylen, "control characters are not allowed");
				return -1;
			}
		return 0;
	}
	case CFG_URL:
		if ((strncmp(v, "http://", 7) && strncmp(v, "https://", 8)) || strlen(v) > 200 ||
		    strpbrk(v, " \"'<>\\") || v[strlen(v) - 1] == '/') {
			snprintf(why, whylen, "must be an http:// or https:// URL without a trailing /");
			return -1;
		}
		return 0;
	case CFG_PATH:
		if (!*v || strlen(v) > PATH_MAX / 2) {
			snprintf(why, whylen, "must be a non-empty path");
			return -1;
		}
		return 0;
	}
	return -1;
}

int config_load(char *err, size_t errlen)
{
	NEOERR *nerr;
	config_free();
	nerr = hdf_init(&config_tree);
	if (nerr)
		return set_err(err, errlen, nerr, "config");
	nerr = hdf_read_string(config_tree, config_defaults);
	if (nerr)
		return set_err(err, errlen, nerr, "embedded defaults");

	const char *file = getenv("CALLCARD_CONFIG");
	char sysfile[PATH_MAX];
	if (!file || !*file) {
		snprintf(sysfile, sizeof sysfile, "%s/callcard.hdf", CC_SYSCONFDIR);
		file = access(sysfile, R_OK) == 0 ? sysfile : NULL;
	}
	if (file) {
		nerr = hdf_read_file(config_tree, file);
		if (nerr)
			return set_err(err, errlen, nerr, file);
	}
	for (const struct config_rule *r = config_rules; r->key; r++) {
		char why[160];
		const char *v = hdf_get_value(config_tree, r->key, "");
		if (config_check_value(r, v, why, sizeof why) < 0) {
			snprintf(err, errlen, "%s: %s = %s: %s", file ? file : "defaults", r->key, v, why);
			return -1;
		}
	}
	return 0;
}

void config_free(void)
{
	if (config_tree)
		hdf_destroy(&config_tree);
	config_tree = NULL;
}

HDF *config_hdf(void)
{
	return config_tree;
}

const char *config_str(const char *key)
{
	return config_tree ? hdf_get_value(config_tree, key, "") : "";
}

long config_int(const char *key)
{
	return strtol(config_str(key), NULL, 10);
}

const char *config_path(const char *key, char *buf, size_t buflen)
{
	const char *v = config_str(key);
	if (v[0] == '/')
		snprintf(buf, buflen, "%s", v);
	else
		snprintf(buf, buflen, "%s/%s", state_dir(), v);
	return buf;
}
