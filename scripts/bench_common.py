"""Shared by the benchmark scripts: a fresh PostgreSQL database, waiting for the release
server to answer."""

import contextlib
import subprocess
import sys
import time
import urllib.request


def wait_ready(base, server):
    """Waits until `base/readyz` answers; stops the script if the server process ends."""
    for _ in range(480):
        if server.poll() is not None:
            sys.exit("the server stopped")
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=1):
                return
        except OSError:
            time.sleep(0.25)
    sys.exit("the server did not become ready")


@contextlib.contextmanager
def fresh_postgres(server, name):
    """Yields the URL of a new, empty database `name` on `server`; drops it afterwards."""
    admin = f"{server}/postgres"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    try:
        yield f"{server}/{name}"
    finally:
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
