#!/bin/sh
# run.sh BUILD: runs every benchmark in bench/ and prints their figures.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build}
export CALLCARD_ROOT="$ROOT" CALLCARD_BUILD="$ROOT/$BUILD"
for b in "$ROOT"/bench/*.sh; do
	[ "$(basename "$b")" = run.sh ] && continue
	echo "== $(basename "$b")"
	sh "$b" || echo "(benchmark $(basename "$b") failed)"
done
