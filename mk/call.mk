# call.mk: the test tool of the scheduled calls (tests/tools/), linked by
# the tests/tools rule of cards.mk.
EXTRA_BINS += $(BUILD)/tests/tools/sched_claim
