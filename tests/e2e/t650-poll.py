# t650-poll.py BASE PAGES TOKEN...: PAGES pollers behaving like the progress
# page's script (a status request every 0.8 s, each at its own phase) follow
# the calls of TOKENs until they end. Prints the delay from the dialer
# storing each state to a poller first seeing it (median, p99, max), and
# exits 1 when any is over MAX_MS (env, default: no limit) or none was seen.
import json, random, statistics, sys, threading, time, urllib.request
base, pages, tokens = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
delays, lock = [], threading.Lock()
def poller(tok):
    seen = set()
    time.sleep(random.random() * 0.8)
    end = time.time() + 40
    while time.time() < end:
        try:
            st = json.load(urllib.request.urlopen(f"{base}/call/status/{tok}", timeout=3))
        except Exception:
            time.sleep(1); continue
        now = time.time() * 1000
        for i, (s, t) in enumerate(zip(st["states"].split(), st["times"].split())):
            if i not in seen:
                seen.add(i)
                if int(t) > start_ms:  # states stored after this poller began
                    with lock: delays.append(now - int(t))
        if st["ended"]: break
        time.sleep(0.8)
start_ms = time.time() * 1000
threads = [threading.Thread(target=poller, args=(tokens[i % len(tokens)],)) for i in range(pages)]
for t in threads: t.start()
for t in threads: t.join()
d = sorted(delays)
if not d:
    sys.exit(1)
if d:
    p99 = d[min(len(d) - 1, int(len(d) * 0.99))]
    print(f"state stored -> shown by a page polling every 0.8 s: median {statistics.median(d):.0f} ms, "
          f"p99 {p99:.0f} ms, max {d[-1]:.0f} ms ({len(d)} state changes seen)")
limit = float(__import__("os").environ.get("MAX_MS", "0"))
sys.exit(1 if limit and d[-1] > limit else 0)
