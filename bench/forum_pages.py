"""Benchmark the message board against the peer (FlaskBB 2.0.2) and the bare-Flask ceiling.

    .venv/bin/python bench/forum_pages.py [--dataset FILE] [--duration 20] [--no-page-cache]

Loads the benchmark data (FILE written by `python bench/forum_dataset.py --json FILE`, or
the same data generated in-process) into a fresh database, serves the app with gunicorn
(2 sync workers, as the peer was measured) on 127.0.0.1, signs in, and measures with wrk
(`-t2 -c8`) the category list and the first page of the 500-post topic, then a bare Flask
route returning a page of the same size. Each measurement follows a 2-second warm-up with
the same load, not counted. Prints requests/s and p50/p99 latency.

The pages repeat, so after the warm-up they come from the page cache (`page_cache.py`),
as a page does between two changes of what it shows; `--no-page-cache` renders every
request, as the first view after a change is.
"""

import argparse
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.loadgen import measure  # noqa: E402 - after the path is set

FLASKBB = {"index": 18.2, "big_topic": 8.8}  # requests/s measured on this kind of machine
BARE_CEILING_REFERENCE = 2570.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _prepare_database(env: dict, dataset: str | None) -> dict:
    """Migrate a fresh database and load the data; returns paths and ids (runs in-process)."""
    os.environ.update(env)
    # Imported only now: config.py reads the environment when it is first imported.
    import flask_migrate
    from flask import url_for

    from bench import dataset as datasets
    from bench.load import BENCH_PASSWORD, load
    from mediator_portal import create_app

    app = create_app("production")
    started = time.perf_counter()
    data = datasets.read(dataset) if dataset else datasets.generate()
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        info = load(data)
    with app.test_request_context():
        info["index_path"] = url_for("forums.index")
        info["topic_path"] = url_for("forums.topic", topic_id=info["big_topic_id"])
    info["password"] = BENCH_PASSWORD
    print(
        f"loaded {info['topics']} topics, {info['posts']} posts "
        f"in {time.perf_counter() - started:.1f}s"
    )
    return info


def _serve(target: str, port: int, env: dict, workers: int, kind: str) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        "-k",
        kind,
        # gunicorn turns a "sync" worker with more than one thread into gthread.
        "--threads",
        "4" if kind == "gthread" else "1",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        target,
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"server {target} did not start")


def _request(port, method, path, body=None, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    return response, response.read()


def _sign_in(port: int, email: str, password: str) -> str:
    """Sign in through the login form; returns the Cookie header value."""
    response, html = _request(port, "GET", "/auth/login")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1).decode()
    form = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password})
    response, _ = _request(port, "POST", "/auth/login", form, cookie)
    if response.status != 302:
        raise SystemExit(f"sign-in failed with status {response.status}")
    return response.getheader("Set-Cookie").split(";")[0]


WARM_UP_SECONDS = 2


def _measure(url: str, cookie: str | None, args) -> dict:
    """Load `url` for a short warm-up (every worker booted and warm), then measure it."""
    options = {"connections": args.connections, "threads": args.threads}
    measure(url, cookie=cookie, duration=WARM_UP_SECONDS, **options)
    return measure(url, cookie=cookie, duration=args.duration, **options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", help="JSON from forum_dataset.py --json")
    parser.add_argument("--duration", type=int, default=20, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--worker-class",
        default="sync",
        choices=["sync", "gthread"],
        help="gunicorn worker class (the peer was measured with sync)",
    )
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temp dir")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="render every page (PAGE_CACHE_BYTES=0): what a page costs when it has changed",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = {
        "MEDIATOR_PORTAL_CONFIG": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'bench.db'}",
        "LOGIN_LIMIT": "1000 per minute",
        "PUBLIC_URL": "http://127.0.0.1",
    }
    if args.no_page_cache:
        env["PAGE_CACHE_BYTES"] = "0"
    info = _prepare_database(env, args.dataset)
    port = _free_port()
    server = _serve("wsgi:app", port, env, args.workers, args.worker_class)
    results = {}
    try:
        cookie = _sign_in(port, info["login_email"], info["password"])
        pages = {"index": info["index_path"], "big_topic": info["topic_path"]}
        for name, path in pages.items():
            response, body = _request(port, "GET", path, cookie=cookie)
            assert response.status == 200, f"{path} answered {response.status}"
            results[name] = _measure(f"http://127.0.0.1:{port}{path}", cookie, args)
            results[name]["bytes"] = len(body)
            if name == "big_topic":
                (workdir / "page.html").write_bytes(body)
    finally:
        server.terminate()
        server.wait()
    bare_port = _free_port()
    bare = _serve(
        "bench.bare_app:app",
        bare_port,
        {"BENCH_BODY_FILE": str(workdir / "page.html")},
        args.workers,
        args.worker_class,
    )
    try:
        results["bare"] = _measure(f"http://127.0.0.1:{bare_port}/", None, args)
        results["bare"]["bytes"] = results["big_topic"]["bytes"]
    finally:
        bare.terminate()
        bare.wait()
    _report(results, args)


def _report(results: dict, args) -> None:
    ceiling = results["bare"]["rps"]
    print(
        f"\ngunicorn {args.workers} {args.worker_class} workers; load: {results['bare']['tool']} "
        f"-t{args.threads} -c{args.connections} -d{args.duration}s; {os.cpu_count()} cores; "
        f"page cache {'off' if args.no_page_cache else 'on'}"
    )
    print(
        f"{'page':<34}{'bytes':>8}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'x FlaskBB':>11}{'/ ceiling':>11}{'non-2xx':>9}"
    )
    labels = {
        "index": "category list (signed in)",
        "big_topic": "500-post topic, page 1 (signed in)",
        "bare": "bare Flask, same bytes (ceiling)",
    }
    for name, result in results.items():
        peer = FLASKBB.get(name)
        times = f"{result['rps'] / peer:.1f}" if peer else "-"
        share = f"{result['rps'] / ceiling:.2f}" if name != "bare" else "1.00"
        print(
            f"{labels[name]:<34}{result['bytes']:>8}{result['rps']:>10.1f}{result['p50']:>9.1f}"
            f"{result['p99']:>9.1f}{times:>11}{share:>11}{result['non_2xx']:>9}"
        )
    print(
        f"\nFlaskBB 2.0.2 on this kind of machine: index {FLASKBB['index']} req/s, big topic "
        f"{FLASKBB['big_topic']} req/s; its bare-Flask ceiling was ~{BARE_CEILING_REFERENCE:.0f}."
    )
    for name in ("index", "big_topic"):
        ok = results[name]["rps"] >= 20 * FLASKBB[name] and results[name]["rps"] >= ceiling / 10
        print(
            f"target (>= 20x FlaskBB and >= ceiling/10) for {labels[name]}: "
            f"{'met' if ok else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
