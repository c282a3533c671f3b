#!/usr/bin/env python3
"""What the host tier's retry schedule predicts for the fault matrix's loss scenario (benchmarks/README.md).

A Monte Carlo of one lookup as core's Exchange runs it against two servers that both answered before
(retry interval 50 ms, the floor: their smoothed RTT is well under a millisecond): send to server 1,
after its retry interval to server 2, then server 1 again, ..., each server's interval 1.5 times longer
with each query sent to it in the lookup, until the lookup's deadline (lookupTimeout, 3 s). Each send
asks every open question (A, AAAA); a question's answer arrives with p = 0.7 * 0.7 = 0.49 (30 % loss each
way), independently, 1 ms after the send (about what an exchange through the relay takes here). Prints the share of lookups slower than
100/250/500/1000 ms, the percentiles and the share that fail within the deadline, with the backoff
(as built), without it (a fixed 50 ms), and from servers that never answered yet (250 ms, a JVM's
first lookups). Usage: benchmarks/loss-model.py [LOOKUPS]   (default 400000; seeded)
"""
import random
import sys


def lookup(p=0.49, base=50.0, growth=1.5, deadline=3000.0, try_timeout=5000.0, rtt=1.0):
    t = 0.0
    sends = [0, 0]
    answered = [False, False]
    server = 0
    while t < deadline:
        sends[server] += 1
        for q in range(2):
            if not answered[q] and random.random() < p:
                answered[q] = True
        if all(answered):
            return t + rtt
        interval = base
        for _ in range(1, sends[server]):
            if interval >= try_timeout:
                break
            interval *= growth
        t += min(interval, try_timeout)
        server = 1 - server
    return None


def report(label, n, **schedule):
    results = [lookup(**schedule) for _ in range(n)]
    done = sorted(r for r in results if r is not None)
    failed = n - len(done)

    def over(ms):
        return 100.0 * (sum(1 for r in done if r > ms) + failed) / n

    def pct(p):
        return done[min(len(done) - 1, int(p * len(done)))]

    print(f"{label:38s} slower than 100/250/500/1000 ms: {over(100):.1f} / {over(250):.1f} / {over(500):.2f} / {over(1000):.2f} %;"
          f" p50 {pct(.5):.0f}, p99 {pct(.99):.0f}, p99.9 {pct(.999):.0f} ms; failed within 3 s: {100.0 * failed / n:.4f} %")


if __name__ == "__main__":
    lookups = int(sys.argv[1]) if len(sys.argv) > 1 else 400000
    random.seed(20261204)
    report("as built (50 ms, x1.5 per resend)", lookups)
    report("without the backoff (50 ms each)", lookups, growth=1.0)
    report("servers never answered (250 ms, x1.5)", lookups, base=250.0)
