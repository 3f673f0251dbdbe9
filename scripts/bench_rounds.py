#!/usr/bin/env python3
"""Builds or pool sizes compared in alternating rounds on the same data.

Seeds one database per build (`seed-demo --scale N`, PostgreSQL or SQLite) and lets its
first server write the daily digest. Then, round after round, starts `nachbarschaft serve` once
per variant and runs `wrk` against the read paths of `bench_http.py`. A variant is a
build (`--builds before=/tmp/old,after=target/server-release/nachbarschaft`) with a
database pool size (`--pools 4,8`, as `DATABASE_MAX_CONNECTIONS`). The variants take
turns inside every round, so a machine that speeds up or slows down between minutes
weighs on every variant alike. The write path is left out: its sign-ups would fill the
needs between rounds, and later rounds would measure refusals.

Prints one Markdown table: for each path and variant, the median req/s and p99 over the
rounds, and the range of the rounds.

Usage: scripts/bench_rounds.py [--builds LABEL=BINARY,...] [--pools 4,8,16,32]
                               [--database postgres|sqlite] [--paths /,/requests]
                               [--rounds 3] [--scale 1000]
                               [--seconds 10] [--connections 32] [--postgres URL]
"""

import argparse
import contextlib
import os
import statistics
import subprocess
import tempfile
import urllib.request

from bench_common import fresh_postgres, wait_ready
from bench_http import BINARY, query, read_paths, sign_in, wait_for_digests, wrk

PORT = 3303


def serve(binary, env, log):
    base = f"http://127.0.0.1:{PORT}"
    server = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL,
                              stderr=log)
    wait_ready(base, server)
    return base, server


def database_paths(work, reader, need):
    """The read paths of `bench_http.py` but the static file, which no database touches."""
    return [p for p in read_paths(work, reader, need) if not p[1].startswith("/pkg/")]


def variants(builds, pools):
    """(label, binary, pool size or None) for every build with every pool size."""
    builds = [tuple(b.split("=", 1)) for b in builds.split(",")] if builds else [("", BINARY)]
    sizes = [int(size) for size in pools.split(",")] if pools else [None]
    out = []
    for name, binary in builds:
        for size in sizes:
            parts = [name] if name else []
            if size is not None:
                parts.append(f"{size} connections")
            out.append((", ".join(parts) or "default", binary, size))
    return out


@contextlib.contextmanager
def database(kind, postgres, work, number):
    if kind == "postgres":
        with fresh_postgres(postgres, f"bench_rounds_{number}") as url:
            yield url
    else:
        yield f"sqlite://{work}/bench-{number}.db"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--builds", default="")
    parser.add_argument("--pools", default="")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    # Only the paths whose address is one of these (e.g. `/,/requests`); else all.
    parser.add_argument("--paths", default="")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    runs = variants(args.builds, args.pools)
    binaries = list(dict.fromkeys(binary for _, binary, _ in runs))
    with tempfile.TemporaryDirectory() as work, contextlib.ExitStack() as stack, \
            open(os.path.join(work, "serve.log"), "w+") as log:
        # One database per build, seeded by it: a build refuses a database that holds a
        # migration it does not know.
        prepared = {}
        for number, binary in enumerate(binaries):
            database_url = stack.enter_context(
                database(args.database, args.postgres, work, number))
            env = dict(os.environ, DATABASE_URL=database_url, RUST_LOG="warn",
                       LEPTOS_SITE_ROOT="target/site", LEPTOS_SITE_ADDR=f"127.0.0.1:{PORT}")
            subprocess.run([binary, "seed-demo", "--scale", str(args.scale)], env=env,
                           check=True, stdout=subprocess.DEVNULL)
            # The first start writes the daily digest; every later start finds it written.
            base, server = serve(binary, env, log)
            wait_for_digests(database_url)
            server.terminate()
            server.wait()
            need = query(database_url, "SELECT id FROM needs WHERE status = 'open'"
                                       " AND quartier_id = 1 AND same_gender = 0 ORDER BY id")[0]
            prepared[binary] = (env, need)
        results = {}
        for _ in range(args.rounds):
            for label, binary, size in runs:
                env, need = prepared[binary]
                run_env = dict(env) if size is None else dict(
                    env, DATABASE_MAX_CONNECTIONS=str(size))
                base, server = serve(binary, run_env, log)
                try:
                    urllib.request.urlopen(f"{base}/").read()
                    reader = sign_in(base, "ehrenamt-0@demo.gute-nachbarschaft.example")
                    for path_label, path, headers, script in database_paths(work, reader, need):
                        if args.paths and path not in args.paths.split(","):
                            continue
                        rate, _, p99, errors = wrk(base + path, args.seconds,
                                                   args.connections, headers, script)
                        results.setdefault((path_label, label), []).append(
                            (rate, p99, errors))
                finally:
                    server.terminate()
                    server.wait()
        log.seek(0)
        text = log.read()
    # The paths in the order they ran (a dict keeps its keys in that order).
    paths = list(dict.fromkeys(path for path, _ in results))
    labels = [label for label, _, _ in runs]
    name = "PostgreSQL" if args.database == "postgres" else "SQLite"
    print(f"\n{name}, scale {args.scale} ({args.scale * 50:,} volunteers, "
          f"{args.scale * 30:,} needs); wrk -t2 -c{args.connections} -d{args.seconds}s; "
          f"{args.rounds} rounds, the variants in turn within each round. "
          "Median req/s (range) and median p99 (range).\n")
    print("| path | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for path in paths:
        cells = []
        for label in labels:
            measured = results[(path, label)]
            rates = [rate for rate, _, _ in measured]
            tails = [p99 for _, p99, _ in measured]
            cells.append(f"{statistics.median(rates):,.0f} ({min(rates):,.0f}–"
                         f"{max(rates):,.0f}), p99 {statistics.median(tails):.1f} ms "
                         f"({min(tails):.1f}–{max(tails):.1f})")
        print(f"| {path} | " + " | ".join(cells) + " |")
    errors = sum(e for measured in results.values() for _, _, e in measured)
    print(f"\nErrors: {errors}. Server log: {text.count('panicked')} panics, "
          f"{text.count('ERROR')} error lines.")


if __name__ == "__main__":
    main()
