#!/bin/sh
# run.sh BUILD: run every unit test program and every end-to-end script.
# Each test prints TAP-style lines ("ok - ..." / "not ok - ..."); this
# runner counts them across all tests and ends with "N passed, N failed".
# A test program that exits non-zero without a "not ok" line counts as one
# failure, so a crash (ASan, UBSan) is never silent.
# TESTS="pattern" limits the run to matching file names.
set -u
BUILD=${1:-build-san}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export CALLCARD_ROOT="$ROOT" CALLCARD_BUILD="$ROOT/$BUILD"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=86}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
OUT="$ROOT/tests/artefacts"
mkdir -p "$OUT"
pass=0
fail=0

run_one() { # name command...
	name=$1; shift
	log="$OUT/$(echo "$name" | tr '/' '_').log"
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name printed no test result" >>"$log"
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	printf '%-40s %4d passed %3d failed  (%ds)\n' "$name" "$p" "$f" $(($(date +%s) - start))
	if [ "$f" -ne 0 ]; then
		grep '^not ok ' "$log" | sed 's/^/    /'
		echo "    --- last lines of $log:"
		tail -n 25 "$log" | sed 's/^/    | /'
	fi
}

for t in "$ROOT/$BUILD"/tests/unit/test_*; do
	[ -x "$t" ] || continue
	case "$(basename "$t")" in *${TESTS:-}*) ;; *) continue ;; esac
	run_one "unit/$(basename "$t")" "$t"
done
for t in "$ROOT"/tests/e2e/t*.sh; do
	[ -f "$t" ] || continue
	case "$(basename "$t")" in *${TESTS:-}*) ;; *) continue ;; esac
	run_one "e2e/$(basename "$t")" sh "$t"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
