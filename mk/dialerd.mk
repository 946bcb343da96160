# dialerd.mk: the dialer daemon (sbin/dialerd/), its prompts and unit test.
# Prompts are spoken by espeak-ng and made 8 kHz u-law by sox at build time.

SOFIA_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags sofia-sip-ua))
SOFIA_LIBS   := $(shell pkg-config --libs sofia-sip-ua)
DIALERD_SRCS := $(wildcard sbin/dialerd/*.c)
# Objects live apart from the binary's own path ($(BUILD)/sbin/dialerd).
DIALERD_OBJS := $(DIALERD_SRCS:sbin/dialerd/%.c=$(BUILD)/dialerd-obj/%.o)
DIALERD_CORE := $(filter-out $(BUILD)/dialerd-obj/main.o,$(DIALERD_OBJS))
DIALERD_LIBS := $(SOFIA_LIBS) -lspandsp -lsndfile $(LIBS)
PROMPT_SRCS  := $(wildcard sbin/dialerd/prompts/*/*.txt)
PROMPT_WAVS  := $(PROMPT_SRCS:sbin/dialerd/prompts/%.txt=$(BUILD)/prompts/%.wav)

DIALER_TOOLS := $(BUILD)/tests/dialer/order_client $(BUILD)/tests/dialer/order_dump

# Only the daemon is a binary to install; prompts, its unit test and the
# test tools come along as order-only prerequisites.
EXTRA_BINS += $(BUILD)/sbin/dialerd

$(DIALERD_OBJS) $(BUILD)/tests/dialer/test_dialer.o: CFLAGS += $(SOFIA_CFLAGS) \
	-DDIALER_PROMPTS='"$(abspath $(BUILD))/prompts"'
$(BUILD)/dialerd-obj/%.o: sbin/dialerd/%.c $(wildcard sbin/dialerd/*.h lib/*.h)
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  CC $<" || true
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/sbin/dialerd: $(DIALERD_OBJS) $(BUILD)/libcallcard.a | $(PROMPT_WAVS) \
		$(BUILD)/tests/unit/test_dialer $(DIALER_TOOLS)
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  LD $@" || true
	$(Q)$(CC) $(LDFLAGS) -o $@ $(DIALERD_OBJS) $(DIALERD_LIBS)

$(BUILD)/tests/unit/test_dialer: $(BUILD)/tests/dialer/test_dialer.o $(DIALERD_CORE) $(BUILD)/libcallcard.a
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  LD $@" || true
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(DIALERD_CORE) $(DIALERD_LIBS)

$(BUILD)/prompts/%.wav: sbin/dialerd/prompts/%.txt
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  TTS $@" || true
	$(Q)voice=$$(basename $$(dirname $<)); \
	espeak-ng -v $$voice -f $< -w $@.tmp.wav && \
	sox $@.tmp.wav -r 8000 -c 1 -e mu-law $@ && rm -f $@.tmp.wav

$(DIALER_TOOLS): %: %.o $(BUILD)/libcallcard.a
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  LD $@" || true
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIBS)
$(BUILD)/tests/dialer/test_dialer.o: $(wildcard sbin/dialerd/*.h)
