"""Measure a URL with wrk (as the peer's figures were measured), or a Python fallback."""

import re
import shutil
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request


def measure(url: str, *, cookie: str | None, duration: int, connections: int, threads: int) -> dict:
    """Requests per second and latency percentiles (ms) for GET `url`."""
    if shutil.which("wrk"):
        return _wrk(url, cookie, duration, connections, threads)
    return _python(url, cookie, duration, connections)


def _wrk(url, cookie, duration, connections, threads) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = {
        p: _to_ms(re.search(rf"^\s+{p}%\s+([\d.]+\w+)", output, re.M).group(1)) for p in (50, 99)
    }
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "tool": "wrk",
        "rps": rps,
        "p50": percentiles[50],
        "p99": percentiles[99],
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def _to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def _python(url, cookie, duration, connections) -> dict:
    latencies: list[float] = []
    failures = [0]
    deadline = time.monotonic() + duration
    lock = threading.Lock()

    def worker():
        headers = {"Cookie": cookie} if cookie else {}
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http://127.0.0.1 only
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    response.read()
                    ok = response.status == 200
            except urllib.error.URLError:
                ok = False
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)
                failures[0] += 0 if ok else 1

    workers = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "tool": "python",
        "rps": len(latencies) / duration,
        "p50": cuts[49],
        "p99": cuts[98],
        "non_2xx": failures[0],
    }
