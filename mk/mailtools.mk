# mailtools.mk: the test tool that queues mail on a running instance.
EXTRA_BINS += $(BUILD)/tests/tools/mail_enqueue
$(BUILD)/tests/tools/mail_enqueue: $(BUILD)/tests/tools/mail_enqueue.o $(BUILD)/libcallcard.a
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  LD $@" || true
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIBS)
