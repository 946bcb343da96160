#!/bin/sh
# install-deps.sh: install the Debian packages callcard needs, only those missing.
# Idempotent: a second run installs nothing and returns quickly.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="
build-essential pkg-config
libfcgi-dev clearsilver-dev libdb-dev db5.3-util libsodium-dev
libgd-dev libpng-dev libqrencode-dev libssl-dev fonts-nanum
libsofia-sip-ua-dev libspandsp-dev libsndfile1-dev
nginx msmtp python3-aiosmtpd curl iproute2 procps
sip-tester baresip-core espeak-ng sox
chromium wrk valgrind gdb
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "install-deps: installing:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Browser tests drive Debian's chromium through playwright-core (npm).
if [ ! -d tests/browser/node_modules/playwright-core ] && command -v npm >/dev/null 2>&1; then
	(cd tests/browser && npm ci --no-audit --no-fund --silent)
fi
