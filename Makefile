# callcard: top-level build.
#   make            build everything into build/
#   make run        install packages, build, start the service on loopback
#   make check      install packages, build with ASan+UBSan, run every test
#   make bench      run the benchmarks in bench/
#   make install PREFIX=/usr/local DESTDIR=
# Quiet by default; make V=1 shows commands.

PREFIX    ?= /usr/local
DESTDIR   ?=
PORT      ?= 8080
SAN       ?= 0

ifeq ($(SAN),1)
BUILD     ?= build-san
SANFLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD     ?= build
SANFLAGS  :=
endif

# Where an in-tree build finds its data and state; make install overrides.
DATADIR   ?= $(CURDIR)
STATEDIR  ?= $(CURDIR)
SYSCONFDIR ?= $(CURDIR)/etc

CC        ?= cc
CS_CFLAGS := -I/usr/include/ClearSilver
CS_LIBS   := -lneo_cgi -lneo_cs -lneo_utl -lz
CFLAGS    ?= -O2 -g
CFLAGS    += -std=c17 -Wall -Wextra -Werror -D_GNU_SOURCE -iquote lib $(CS_CFLAGS) $(SANFLAGS) \
	     -DCC_DATADIR='"$(DATADIR)"' -DCC_STATEDIR='"$(STATEDIR)"' -DCC_SYSCONFDIR='"$(SYSCONFDIR)"'
LDFLAGS   += $(SANFLAGS)
LIBS      := $(BUILD)/libcallcard.a -lfcgi -ldb $(CS_LIBS) -lsodium -lqrencode -lgd -lpng -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRCS  := $(wildcard lib/*.c)
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
CGI_SRCS  := $(wildcard cgi-bin/*.c)
CGI_BINS  := $(CGI_SRCS:cgi-bin/%.c=$(BUILD)/cgi-bin/%.fcgi)
SBIN_SRCS := $(wildcard sbin/*.c)
SBIN_BINS := $(SBIN_SRCS:sbin/%.c=$(BUILD)/sbin/%)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:%.c=$(BUILD)/%)

ALL_BINS  := $(CGI_BINS) $(SBIN_BINS)

.PHONY: all deps run check test bench install clean
# Keep objects between builds.
.SECONDARY:
all: $(BUILD)/libcallcard.a $(CGI_BINS) $(SBIN_BINS) extra

# Components with more than one file bring their own rules (mk/*.mk); each
# adds its binaries to EXTRA_BINS.
EXTRA_BINS :=
-include $(wildcard mk/*.mk)
.PHONY: extra
extra: $(EXTRA_BINS)

$(BUILD)/%.o: %.c $(wildcard lib/*.h tests/unit/*.h)
	@mkdir -p $(dir $@)
	@[ -n "$(Q)" ] && echo "  CC $<" || true
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libcallcard.a: $(LIB_OBJS)
	@[ -n "$(Q)" ] && echo "  AR $@" || true
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/cgi-bin/%.fcgi: $(BUILD)/cgi-bin/%.o $(BUILD)/libcallcard.a
	@[ -n "$(Q)" ] && echo "  LD $@" || true
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIBS)

$(BUILD)/sbin/%: $(BUILD)/sbin/%.o $(BUILD)/libcallcard.a
	@[ -n "$(Q)" ] && echo "  LD $@" || true
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIBS)

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(BUILD)/libcallcard.a
	@[ -n "$(Q)" ] && echo "  LD $@" || true
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIBS)

deps:
	$(Q)./scripts/install-deps.sh

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)exec ./scripts/callcard-run.sh $(BUILD) $(PORT)

check: deps
	$(Q)$(MAKE) --no-print-directory SAN=1 all unit-tests
	$(Q)./tests/run.sh build-san

.PHONY: unit-tests
unit-tests: $(UNIT_BINS)

bench: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)./bench/run.sh $(BUILD)

# An installed copy finds its data under $(PREFIX)/share/callcard and its
# state under $(LOCALSTATEDIR); both are compiled in (the config overrides).
LOCALSTATEDIR ?= /var/lib/callcard
install:
	$(Q)$(MAKE) --no-print-directory BUILD=build-install DATADIR=$(PREFIX)/share/callcard \
		STATEDIR=$(LOCALSTATEDIR) SYSCONFDIR=$(PREFIX)/etc/callcard all
	install -d $(DESTDIR)$(PREFIX)/lib/callcard/cgi-bin $(DESTDIR)$(PREFIX)/sbin \
		$(DESTDIR)$(PREFIX)/share/callcard/prompts $(DESTDIR)$(PREFIX)/etc/callcard \
		$(DESTDIR)$(PREFIX)/share/doc/callcard
	install -m 0755 build-install/cgi-bin/*.fcgi $(DESTDIR)$(PREFIX)/lib/callcard/cgi-bin/
	install -m 0755 build-install/sbin/webd build-install/sbin/mailq build-install/sbin/dialerd \
		build-install/sbin/billing build-install/sbin/callcard-admin build-install/sbin/callsched $(DESTDIR)$(PREFIX)/sbin/
	cp -R templates static $(DESTDIR)$(PREFIX)/share/callcard/
	cp -R build-install/prompts/. $(DESTDIR)$(PREFIX)/share/callcard/prompts/
	install -m 0644 etc/callcard.hdf.example etc/rates.example etc/nginx-callcard.conf \
		$(DESTDIR)$(PREFIX)/etc/callcard/
	install -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/callcard/

clean:
	rm -rf build build-san build-install
