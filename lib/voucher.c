/* voucher.c: creating and redeeming prepaid top-up vouchers. */
#include "voucher.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "ledger_int.h"
#include "rec.h"

/* 32 symbols: 5 random bits each, 80 bits a code. */
static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

int voucher_normalize(const char *typed, char code[VOUCHER_CODE_LEN + 1])
{
	size_t n = 0;
	for (const char *p = typed; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		char c = (char)toupper((unsigned char)*p);
		if (!strchr(alphabet, c) || c == '\0' || n == VOUCHER_CODE_LEN)
			return -1;
		code[n++] = c;
	}
	code[n] = '\0';
	return n == VOUCHER_CODE_LEN ? 0 : -1;
}

static int voucher_key(char *buf, size_t len, const char *code)
{
	return snprintf(buf, len, "voucher:%s", code);
}

struct create_arg {
	const struct ledger_policy *pol;
	int64_t amount;
	const char *note;
	char code[VOUCHER_CODE_LEN + 1];
};

static int create_txn(DB_TXN *txn, void *arg)
{
	struct create_arg *c = arg;
	unsigned char rnd[VOUCHER_CODE_LEN];
	char key[64];
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		return LEDGER_BAD_CALL;
	for (int i = 0; i < VOUCHER_CODE_LEN; i++)
		c->code[i] = alphabet[rnd[i] & 31];
	c->code[VOUCHER_CODE_LEN] = '\0';
	int klen = voucher_key(key, sizeof key, c->code);
	struct rec r;
	rec_init(&r);
	rec_set_int(&r, "amount", c->amount);
	rec_set(&r, "currency", c->pol->currency);
	rec_set_int(&r, "created", (long long)time(NULL));
	if (c->note)
		rec_set(&r, "note", c->note);
	int rc = db_put_rec(TBL_GENERIC, txn, key, (size_t)klen, &r, DB_NOOVERWRITE);
	rec_free(&r);
	return rc;
}

int voucher_create(const struct ledger_policy *pol, int64_t amount, const char *note,
		   char shown[VOUCHER_SHOWN_LEN + 1])
{
	if (amount <= 0 || amount > pol->max_amount)
		return LEDGER_BAD_AMOUNT;
	struct create_arg c = {.pol = pol, .amount = amount, .note = note};
	int rc;
	/* A collision among 2^80 codes is only theoretical; try again anyway. */
	for (int tries = 0; tries < 3; tries++)
		if ((rc = db_txn_run(create_txn, &c)) != DB_KEYEXIST)
			break;
	if (rc != 0)
		return rc;
	char *o = shown;
	for (int i = 0; i < VOUCHER_CODE_LEN; i++) {
		if (i && i % 4 == 0)
			*o++ = '-';
		*o++ = c.code[i];
	}
	*o = '\0';
	return 0;
}

struct redeem_arg {
	const struct ledger_policy *pol;
	uint64_t member;
	const char *code;
	int64_t amount;
};

static int redeem_txn(DB_TXN *txn, void *arg)
{
	struct redeem_arg *ra = arg;
	char key[64], cause[64];
	struct rec v;
	int klen = voucher_key(key, sizeof key, ra->code);
	int rc = db_get_rec(TBL_GENERIC, txn, key, (size_t)klen, &v, DB_RMW);
	if (rc == DB_NOTFOUND)
		return LEDGER_UNKNOWN_VOUCHER;
	if (rc != 0)
		return rc;
	ra->amount = rec_get_int(&v, "amount", 0);
	const char *cur = rec_get(&v, "currency");
	if (rec_get(&v, "redeemed_by"))
		rc = LEDGER_VOUCHER_USED;
	else if (ra->amount <= 0 || !cur)
		rc = LEDGER_BAD_AMOUNT;
	if (rc == 0) {
		snprintf(cause, sizeof cause, "voucher:%s", ra->code);
		struct ledger_post p = {.member = ra->member, .cause = cause, .kind = "voucher",
					.note = "voucher", .money = ra->amount, .currency = cur};
		rc = ledger_post_txn(txn, ra->pol, &p, NULL);
	}
	if (rc == 0) {
		rec_setf(&v, "redeemed_by", "%" PRIu64, ra->member);
		rec_set_int(&v, "redeemed_at", (long long)time(NULL));
		rc = db_put_rec(TBL_GENERIC, txn, key, (size_t)klen, &v, 0);
	}
	rec_free(&v);
	return rc;
}

int voucher_redeem(const struct ledger_policy *pol, uint64_t member, const char *code,
		   int64_t *amount)
{
	char canon[VOUCHER_CODE_LEN + 1];
	*amount = 0;
	if (voucher_normalize(code, canon) < 0)
		return LEDGER_UNKNOWN_VOUCHER;
	struct redeem_arg ra = {.pol = pol, .member = member, .code = canon};
	int rc = db_txn_run(redeem_txn, &ra);
	if (rc == 0)
		*amount = ra.amount;
	return rc;
}
