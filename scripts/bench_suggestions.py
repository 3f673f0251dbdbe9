#!/usr/bin/env python3
"""End-to-end time of the suggestions server function (`/api/needs/suggestions`) with a
large seeded data set, on SQLite and on PostgreSQL.

For each database: seed `seed-demo --scale N` (N x 50 volunteers, N x 30 needs), start
the release server on 127.0.0.1, sign in as the demo coordinator, and call the server
function for one open need many times; print p50, p95 and max in milliseconds.

Usage: scripts/bench_suggestions.py [--scale 200] [--calls 200] [--postgres URL]
"""

import argparse
import http.cookiejar
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from bench_common import fresh_postgres, wait_ready

BINARY = "./target/server-release/nachbarschaft"
COORDINATOR = "koordination@demo.gute-nachbarschaft.example"
PASSWORD = "Demo-Passwort-2026"


def run(env, *args):
    subprocess.run([BINARY, *args], env=env, check=True, stdout=subprocess.DEVNULL)




def measure(label, database_url, scale, calls, port):
    env = dict(os.environ, DATABASE_URL=database_url, RUST_LOG="warn",
               LEPTOS_SITE_ROOT="target/site", LEPTOS_SITE_ADDR=f"127.0.0.1:{port}")
    started = time.monotonic()
    run(env, "seed-demo", "--scale", str(scale))
    seeded = time.monotonic() - started
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([BINARY, "serve"], env=env, stdout=subprocess.DEVNULL)
    try:
        wait_ready(base, server)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = urllib.parse.urlencode({"email": COORDINATOR, "password": PASSWORD}).encode()
        login = urllib.request.Request(f"{base}/login", data=form, headers={"Origin": base})
        opener.open(login).read()
        needs = urllib.request.Request(
            f"{base}/api/needs/open", data=b"quartier=linden-sued",
            headers={"Origin": base, "Accept": "application/json"})
        listing = json.loads(opener.open(needs).read())
        need = listing["needs"][0]["id"]
        body = urllib.parse.urlencode({"need": need}).encode()
        timings = []
        suggestions = 0
        for _ in range(calls):
            request = urllib.request.Request(
                f"{base}/api/needs/suggestions", data=body,
                headers={"Origin": base, "Accept": "application/json"})
            start = time.perf_counter()
            answer = opener.open(request).read()
            timings.append((time.perf_counter() - start) * 1000)
            suggestions = len(json.loads(answer)["suggestions"])
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{label}: scale {scale} ({scale * 50} volunteers), seeded in {seeded:.0f} s; "
              f"{calls} calls: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
              f"max {timings[-1]:.1f} ms; {suggestions} suggestions per call")
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=200)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        measure("SQLite", f"sqlite://{work}/bench.db", args.scale, args.calls, 3201)
    with fresh_postgres(args.postgres, "bench_suggestions") as database_url:
        measure("PostgreSQL", database_url, args.scale, args.calls, 3202)


if __name__ == "__main__":
    main()
