#!/usr/bin/env python3
"""The database pool size on PostgreSQL, compared in alternating rounds on one data set.

Seeds one PostgreSQL database (`seed-demo --scale N`) and lets the first server write the
daily digest. Then, round after round, starts `nachbarschaft serve` once per pool size
(`DATABASE_MAX_CONNECTIONS`) and runs `wrk` against the read paths of `bench_http.py`.
The sizes take turns inside every round, so a machine that speeds up or slows down
between minutes weighs on every size alike. The write path is left out: its sign-ups
would fill the needs between rounds, and later rounds would measure refusals.

Prints one Markdown table: for each path and size, the median req/s and p99 over the
rounds, and the range of the rounds.

Usage: scripts/bench_pool.py [--pools 4,8,16,32] [--rounds 3] [--scale 1000]
                             [--seconds 10] [--connections 32] [--postgres URL]
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import urllib.request

from bench_common import fresh_postgres, wait_ready
from bench_http import BINARY, query, read_paths, sign_in, wait_for_digests, wrk

PORT = 3303


def serve(env, log):
    base = f"http://127.0.0.1:{PORT}"
    server = subprocess.Popen([BINARY, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=log)
    wait_ready(base, server)
    return base, server


def database_paths(work, reader, need):
    """The read paths of `bench_http.py` but the static file, which no pool touches."""
    return [p for p in read_paths(work, reader, need) if not p[1].startswith("/pkg/")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pools", default="4,8,16,32")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    pools = [int(size) for size in args.pools.split(",")]
    with fresh_postgres(args.postgres, "bench_pool") as database_url, \
            tempfile.TemporaryDirectory() as work, \
            open(os.path.join(work, "serve.log"), "w+") as log:
        env = dict(os.environ, DATABASE_URL=database_url, RUST_LOG="warn",
                   LEPTOS_SITE_ROOT="target/site", LEPTOS_SITE_ADDR=f"127.0.0.1:{PORT}")
        subprocess.run([BINARY, "seed-demo", "--scale", str(args.scale)], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        # The first start writes the daily digest; every later start finds it written.
        base, server = serve(env, log)
        wait_for_digests(database_url)
        server.terminate()
        server.wait()
        need = query(database_url, "SELECT id FROM needs WHERE status = 'open'"
                                   " AND quartier_id = 1 AND same_gender = 0 ORDER BY id")[0]
        results = {}
        for _ in range(args.rounds):
            for size in pools:
                base, server = serve(dict(env, DATABASE_MAX_CONNECTIONS=str(size)), log)
                try:
                    urllib.request.urlopen(f"{base}/").read()
                    reader = sign_in(base, "ehrenamt-0@demo.gute-nachbarschaft.example")
                    for label, path, headers, script in database_paths(work, reader, need):
                        rate, _, p99, errors = wrk(base + path, args.seconds,
                                                   args.connections, headers, script)
                        results.setdefault((label, size), []).append((rate, p99, errors))
                finally:
                    server.terminate()
                    server.wait()
        log.seek(0)
        text = log.read()
    # The paths in the order they ran (a dict keeps its keys in that order).
    labels = list(dict.fromkeys(label for label, _ in results))
    print(f"\nPostgreSQL, scale {args.scale} ({args.scale * 50:,} volunteers, "
          f"{args.scale * 30:,} needs); wrk -t2 -c{args.connections} -d{args.seconds}s; "
          f"{args.rounds} rounds, the sizes in turn within each round. "
          "Median req/s (range) and median p99 (range).\n")
    print("| path | " + " | ".join(f"{size} connections" for size in pools) + " |")
    print("|---|" + "---|" * len(pools))
    for label in labels:
        cells = []
        for size in pools:
            runs = results[(label, size)]
            rates = [rate for rate, _, _ in runs]
            tails = [p99 for _, p99, _ in runs]
            cells.append(f"{statistics.median(rates):,.0f} ({min(rates):,.0f}–"
                         f"{max(rates):,.0f}), p99 {statistics.median(tails):.1f} ms "
                         f"({min(tails):.1f}–{max(tails):.1f})")
        print(f"| {label} | " + " | ".join(cells) + " |")
    errors = sum(e for runs in results.values() for _, _, e in runs)
    print(f"\nErrors: {errors}. Server log: {text.count('panicked')} panics, "
          f"{text.count('ERROR')} error lines.")


if __name__ == "__main__":
    main()
