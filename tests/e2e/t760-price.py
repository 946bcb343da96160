"""t760-price.py RATES < order_dump output: the price of a call computed by
hand from its CDR (answer and end times in ms), for the billing tests
(t760, t770). RATES is "prefix:connect:per_minute:first:next:minimum,...".
Prints "a_seconds b_seconds a_cost b_cost total max"."""
import sys

rates = {}
for item in sys.argv[1].split(","):
    prefix, *nums = item.split(":")
    rates[prefix] = tuple(int(n) for n in nums)
cdr = dict(l[4:].rstrip("\n").split("=", 1) for l in sys.stdin if l.startswith("cdr "))


def leg(x):
    answer, end = int(cdr.get(x + "_answer") or 0), int(cdr.get(x + "_end") or 0)
    target = cdr.get(x + "_target", "")
    if answer <= 0 or not target.startswith("+"):
        return 0, 0
    secs = -(-(end - answer) // 1000)  # whole seconds, rounded up
    if secs <= 0:
        return 0, 0
    digits = target[1:]
    prefix = max((p for p in rates if digits.startswith(p)), key=len)
    connect, per_minute, first, step, minimum = rates[prefix]
    billed = first if secs <= first else first + -(-(secs - first) // step) * step
    return secs, max(minimum, connect + -(-(per_minute * billed) // 60))


sa, ca = leg("a")
sb, cb = leg("b")
print(sa, sb, ca, cb, ca + cb, cdr.get("max", ""))
