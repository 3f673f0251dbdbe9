"""Shared by the benchmark scripts: waiting for the release server to answer."""

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
