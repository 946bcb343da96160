# cards.mk: test tools of the cards pages (tests/tools/).
CARD_TOOLS := $(BUILD)/tests/tools/card_dump $(BUILD)/tests/tools/make_image

EXTRA_BINS += $(CARD_TOOLS)

$(BUILD)/tests/tools/%: $(BUILD)/tests/tools/%.o $(BUILD)/libcallcard.a
	@[ -n "$(Q)" ] && echo "  LD $@" || true
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIBS)

# lib/card_cache.c hashes nginx cache keys with libcrypto's MD5.
CARD_CRYPTO := -lcrypto
$(BUILD)/cgi-bin/cards.fcgi $(BUILD)/tests/unit/test_card: LIBS += $(CARD_CRYPTO)
