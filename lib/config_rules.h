/* config_rules.h: the rule each known configuration key is checked by. */
#ifndef CALLCARD_CONFIG_RULES_H
#define CALLCARD_CONFIG_RULES_H
#include <stddef.h>

enum config_type { CFG_INT, CFG_TEXT, CFG_URL, CFG_PATH };

struct config_rule {
	const char *key;
	enum config_type type;
	long min, max; /* value range for CFG_INT, length range for CFG_TEXT */
};

extern const struct config_rule config_rules[];

/* 0 when v satisfies rule; else -1 and why says what is wrong. */
int config_check_value(const struct config_rule *rule, const char *v, char *why,
		       size_t whylen);

#endif
