#!/usr/bin/env python3
"""HTTP load on the release server with a large data set, on SQLite and PostgreSQL.

For each database: `seed-demo --scale N` (N x 50 volunteers, N x 30 needs over four
Quartiere), start `nachbarschaft serve` on 127.0.0.1, sign in volunteers, and run `wrk`
(Debian's package) against each path in turn, all in the same process: `/healthz` (the
HTTP ceiling of the process), a static file, `/`, `/requests` (50 rows, signed-in
volunteer; once as a reader who reloads it, mostly sent as the kept page, and once with a
new address for every request, so rendered each time), a need's page, the filter server function and the sign-up write path.
Prints one Markdown table per database: req/s, p50, p99, errors and each path's share
of `/healthz`, then the server's RSS idle and at its peak.

Usage: scripts/bench_http.py [--scale 1000] [--seconds 10] [--connections 32]
                             [--postgres URL] [--only sqlite|postgres]
                             [--binary PATH] [--paths /requests,/requests/0/signup]
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from bench_common import fresh_postgres, wait_ready

BINARY = "./target/server-release/nachbarschaft"
PASSWORD = "Demo-Passwort-2026"
# Volunteers signed in for the write path (the sign-in throttle allows 20 per address
# in a burst).
WRITERS = 16




def sign_in(base, email):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = urllib.parse.urlencode({"email": email, "password": PASSWORD}).encode()
    opener.open(urllib.request.Request(f"{base}/login", data=form)).read()
    cookie = next((c for c in jar if c.name == "gn_session"), None)
    if cookie is None:
        sys.exit(f"could not sign in {email}")
    return f"gn_session={cookie.value}"


def memory(pid, field):
    """VmRSS (now) or VmHWM (peak) of a process, in MB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_peak(pid):
    """Sets VmHWM back to the present RSS (Linux `clear_refs`, value 5)."""
    with open(f"/proc/{pid}/clear_refs", "w") as clear:
        clear.write("5")


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, seconds, connections, headers=(), script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(bad.group(1)) if bad else 0
    return rate, p50, p99, errors


def post_script(folder, name, lines):
    path = os.path.join(folder, name)
    with open(path, "w") as script:
        script.write("\n".join(lines) + "\n")
    return path


def sign_up_script(folder, cookies, needs):
    """Each request signs a different volunteer up for a different need."""
    lua_list = lambda items: "{" + ", ".join(f'"{i}"' for i in items) + "}"
    return post_script(folder, "sign_up.lua", [
        f"local cookies = {lua_list(cookies)}",
        f"local needs = {lua_list(needs)}",
        "local threads = 0",
        "function setup(thread) thread:set('offset', threads); threads = threads + 1 end",
        "local count = 0",
        "function request()",
        "  count = count + 1",
        "  local k = count * 2 + offset",
        "  local cookie = cookies[(k % #cookies) + 1]",
        "  local need = needs[(math.floor(k / #cookies) % #needs) + 1]",
        "  return wrk.format('POST', '/requests/' .. need .. '/signup',",
        "    {['Cookie'] = cookie, ['Content-Type'] = 'application/x-www-form-urlencoded'}, '')",
        "end",
    ])


def read_paths(work, reader, need):
    """The read paths under load: (label, path, headers, wrk script)."""
    form = ["Content-Type: application/x-www-form-urlencoded", "Accept: application/json"]
    filter_lua = post_script(work, "filter.lua", [
        "wrk.method = 'POST'", "wrk.body = 'quartier=linden-sued'"])
    # A new address for every request: the list rendered each time, never a kept page.
    rendered_lua = post_script(work, "rendered.lua", [
        "local threads = 0",
        "function setup(thread) thread:set('offset', threads); threads = threads + 1 end",
        "local count = 0",
        "function request()",
        "  count = count + 1",
        "  return wrk.format('GET', '/requests?r=' .. offset .. '-' .. count)",
        "end",
    ])
    return [
        ("`/healthz`", "/healthz", [], None),
        ("`/pkg/nachbarschaft.css` (static, brotli)", "/pkg/nachbarschaft.css",
         ["Accept-Encoding: br"], None),
        ("`/` (visitor)", "/", [], None),
        ("`/requests` (50 rows, signed-in volunteer)", "/requests",
         [f"Cookie: {reader}"], None),
        ("`/requests` (the same, rendered each time)", "/requests",
         [f"Cookie: {reader}"], rendered_lua),
        ("`/requests/{id}` (need page, volunteer)", f"/requests/{need}",
         [f"Cookie: {reader}"], None),
        ("`POST /api/needs/open` (filter server function)", "/api/needs/open",
         form + [f"Cookie: {reader}"], filter_lua),
    ]


def query(database_url, sql):
    if database_url.startswith("sqlite://"):
        with sqlite3.connect(database_url.removeprefix("sqlite://")) as db:
            return [row[0] for row in db.execute(sql)]
    out = subprocess.run(["psql", database_url, "-Atc", sql], check=True,
                         capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def wait_for_digests(database_url):
    """On its first start after seeding, the server writes every volunteer's daily digest
    (a burst once a day). The load is measured after it, in the steady state."""
    started = time.monotonic()
    last = -1
    while True:
        count = int(query(database_url, "SELECT COUNT(*) FROM need_digests")[0])
        if count > 0 and count == last or time.monotonic() - started > 900:
            return count, time.monotonic() - started - 3
        last = count
        time.sleep(3)


def measure(label, database_url, args, port, work):
    env = dict(os.environ, DATABASE_URL=database_url, RUST_LOG="warn",
               LEPTOS_SITE_ROOT="target/site", LEPTOS_SITE_ADDR=f"127.0.0.1:{port}")
    started = time.monotonic()
    subprocess.run([args.binary, "seed-demo", "--scale", str(args.scale)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    seeded = time.monotonic() - started
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(work, f"serve-{port}.log")
    log = open(log_path, "w")
    server = subprocess.Popen([args.binary, "serve"], env=env, stdout=subprocess.DEVNULL,
                              stderr=log)
    try:
        wait_ready(base, server)
        digests, digest_seconds = wait_for_digests(database_url)
        urllib.request.urlopen(f"{base}/").read()
        idle = memory(server.pid, "VmRSS")
        # The peak so far is the digest's; the peak under load is counted from here on.
        digest_peak = memory(server.pid, "VmHWM")
        reset_peak(server.pid)
        # Volunteers of Linden-Süd (every fourth seeded volunteer lives there).
        writers = [f"ehrenamt-{4 * i}@demo.gute-nachbarschaft.example" for i in range(WRITERS)]
        cookies = [sign_in(base, email) for email in writers]
        # Each sign-in hashes a password with argon2 (19 MiB of memory while it runs).
        sign_in_peak = memory(server.pid, "VmHWM")
        reader = cookies[0]
        needs = query(database_url, "SELECT id FROM needs WHERE status = 'open' AND quartier_id = 1"
                                    " AND same_gender = 0 ORDER BY id")
        need = needs[0]
        before = int(query(database_url, "SELECT COUNT(*) FROM need_helpers")[0])
        paths = read_paths(work, reader, need) + [
            ("`POST /requests/{id}/signup` (write)", "/requests/0/signup", [],
             sign_up_script(work, cookies, needs)),
        ]
        if args.paths:
            # `/healthz` stays: it is the ceiling every share is counted against.
            wanted = {"/healthz", *args.paths.split(",")}
            paths = [p for p in paths if p[1] in wanted]
        rows = []
        peak = 0.0
        for name, path, headers, script in paths:
            # Each path's own peak: the highest RSS during its run.
            reset_peak(server.pid)
            measured = wrk(base + path, args.seconds, args.connections, headers, script)
            path_peak = memory(server.pid, "VmHWM")
            peak = max(peak, path_peak)
            rows.append((name, *measured, path_peak))
        written = int(query(database_url, "SELECT COUNT(*) FROM need_helpers")[0]) - before
        ceiling = rows[0][1]
        print(f"\n### {label}: scale {args.scale} ({args.scale * 50:,} volunteers, "
              f"{args.scale * 30:,} needs), seeded in {seeded:.0f} s; the first daily digest "
              f"({digests:,} letters) took {digest_seconds:.0f} s before the load; "
              f"wrk -t2 -c{args.connections} -d{args.seconds}s; database connections: "
              f"{os.environ.get('DATABASE_MAX_CONNECTIONS', 'default')}\n")
        print("| path | req/s | p50 | p99 | errors | share of `/healthz` | peak RSS |")
        print("|---|---|---|---|---|---|---|")
        for name, rate, p50, p99, errors, path_peak in rows:
            print(f"| {name} | {rate:,.0f} | {p50:.2f} ms | {p99:.2f} ms | {errors} | "
                  f"{100 * rate / ceiling:.1f} % | {path_peak:.1f} MB |")
        print(f"\nSign-ups written during the write run: {written:,}. "
              f"Server RSS idle {idle:.1f} MB, peak under load {peak:.1f} MB "
              f"(peak while writing the digest: {digest_peak:.1f} MB; while signing in the "
              f"{WRITERS} volunteers one after another: {sign_in_peak:.1f} MB).")
    finally:
        server.terminate()
        server.wait()
        log.close()
        with open(log_path) as written_log:
            text = written_log.read()
        print(f"Server log: {text.count('panicked')} panics, {text.count('ERROR')} error lines.")
        # The log goes with its temporary folder: what went wrong is shown here.
        lines = text.splitlines()
        wrong = [i for i, line in enumerate(lines) if "panicked" in line or "ERROR" in line]
        for i in wrong[:10]:
            print("    " + "\n    ".join(lines[i:i + 3]))
        if args.keep_logs:
            os.makedirs(args.keep_logs, exist_ok=True)
            shutil.copy(log_path, os.path.join(args.keep_logs, f"serve-{port}.log"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    # Another build to measure (e.g. a copy of an earlier one), and only some of the
    # paths, by address (`/requests/0/signup` for the write path).
    parser.add_argument("--binary", default=BINARY)
    parser.add_argument("--paths", default="")
    # A folder to keep the server's logs in (e.g. with RUST_BACKTRACE=1 in the environment).
    parser.add_argument("--keep-logs", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        if args.only != "postgres":
            measure("SQLite", f"sqlite://{work}/bench.db", args, 3301, work)
        if args.only == "sqlite":
            return
        with fresh_postgres(args.postgres, "bench_http") as database_url:
            measure("PostgreSQL", database_url, args, 3302, work)


if __name__ == "__main__":
    main()
