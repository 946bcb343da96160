#!/bin/sh
# rating.sh BUILD [LOOKUPS] [SETTLEMENTS]: build bench/rating.c against
# BUILD's library and print rate lookups per second on a 100,000-prefix
# table and settlements per second on a real database. Use an optimised
# build (make BUILD=build) for figures; a sanitizer build is much slower.
set -eu
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$ROOT/$BUILD/libcallcard.a" ] || { echo "rating.sh: build $BUILD first (make BUILD=$BUILD)" >&2; exit 1; }
SAN=""
case "$BUILD" in *san*) SAN="-fsanitize=address,undefined -fno-omit-frame-pointer" ;; esac
cc -std=c17 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE $SAN -iquote "$ROOT/lib" \
	-o "$ROOT/$BUILD/bench-rating" "$ROOT/bench/rating.c" \
	"$ROOT/$BUILD/libcallcard.a" -ldb -lneo_cgi -lneo_cs -lneo_utl -lz -lsodium -lm
exec "$ROOT/$BUILD/bench-rating" "${2:-5000000}" "${3:-2000}"
