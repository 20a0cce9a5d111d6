"""Benchmark the message board against the peer (FlaskBB 2.0.2) and the bare-Flask ceiling.

    .venv/bin/python bench/forum_pages.py [--dataset FILE] [--duration 20]
        [--cache both|off|on] [--off-env NAME=VALUE ...] [--database-url URL]

Loads the benchmark data (FILE written by `python bench/forum_dataset.py --json FILE`, or
the same data generated in-process) into a fresh database, serves the app with gunicorn (2
sync workers, as the peer was measured) on 127.0.0.1, signs in, and measures with wrk (`-t2
-c8`) the category list and the first page of the 500-post topic, the home page and the
Latest list, then a bare Flask route returning a page of the size of the topic's. Each
measurement follows a 2-second warm-up with the same load, not counted. Prints requests/s
and p50/p99 latency.

Each page is measured twice, on a fresh server and a fresh copy of the same data:
**uncached first** (the headline, and what the target is judged on), with the caches turned
off through the environment (`--off-env NAME=VALUE`, repeatable; default
`POST_CACHE_BYTES=0`, the post cache), then with the app's defaults. The same URL repeats
for one viewer, so a cache serves it on every request after the warm-up: the cached figure
says what a page costs between two changes, not what real traffic gets (see bench/mix.py).
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import server  # noqa: E402 - after the path is set
from bench.loadgen import measure  # noqa: E402

FLASKBB = {"index": 18.2, "big_topic": 8.8}  # requests/s measured on this kind of machine
BARE_CEILING_REFERENCE = 2570.0
WARM_UP_SECONDS = 2
LABELS = {
    "index": "category list (signed in)",
    "big_topic": "500-post topic, page 1 (signed in)",
    "home": "home page with its panels",
    "latest": "Latest topics (all categories)",
    "bare": "bare Flask, same bytes (ceiling)",
}
CACHE_LABELS = {"off": "uncached", "on": "cached", "bare": "-"}


def _measure(url: str, cookie: str | None, args, process) -> dict:
    """Load `url` for a short warm-up (every worker booted and warm), then measure it,
    with the CPU time the server's workers spent per request."""
    options = {"connections": args.connections, "threads": args.threads}
    measure(url, cookie=cookie, duration=WARM_UP_SECONDS, **options)
    before = server.cpu_seconds(process)
    result = measure(url, cookie=cookie, duration=args.duration, **options)
    after = server.cpu_seconds(process)
    served = result["rps"] * args.duration
    measured = before is not None and after is not None and served
    result["cpu_ms"] = (after - before) * 1000 / served if measured else float("nan")
    return result


def pages(info: dict) -> tuple[tuple[str, str], ...]:
    """The measured pages, by name: the two judged against the target first, then the home
    page and the Latest list (measured, with no target of their own yet)."""
    return (
        ("index", info["index_path"]),
        ("big_topic", info["topic_path"]),
        ("home", "/"),
        ("latest", "/forums/latest"),
    )


def _measure_pages(info: dict, env: dict, args, page_file: Path) -> dict:
    """Serve the app with `env`, sign in and measure both pages; returns their results."""
    port = server.free_port()
    process = server.serve("wsgi:app", port, env, args.workers, args.worker_class)
    results = {}
    try:
        cookie = server.sign_in(port, info["login_email"], info["password"])
        for name, path in pages(info):
            response, body = server.request(port, "GET", path, cookie=cookie)
            assert response.status == 200, f"{path} answered {response.status}"
            results[name] = _measure(f"http://127.0.0.1:{port}{path}", cookie, args, process)
            results[name]["bytes"] = len(body)
            if name == "big_topic":
                page_file.write_bytes(body)
    finally:
        server.stop(process)
    return results


def _arguments() -> argparse.Namespace:
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
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server to create (and drop) the benchmark's databases on; "
        "default: SQLite files in a temporary folder",
    )
    parser.add_argument(
        "--cache",
        choices=["both", "off", "on"],
        default="both",
        help="measure uncached then cached pages (both), or only one of them",
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="the same as --cache off (kept for older commands)",
    )
    parser.add_argument(
        "--off-env",
        action="append",
        metavar="NAME=VALUE",
        help="environment that turns the caches off (repeatable; default POST_CACHE_BYTES=0)",
    )
    args = parser.parse_args()
    if args.no_page_cache:
        args.cache = "off"
    args.off = server.parse_env(args.off_env or server.DEFAULT_OFF)
    return args


def main() -> None:
    args = _arguments()
    for name in args.off:  # "cache on" means the app's defaults, not this shell's settings
        os.environ.pop(name, None)
    modes = {"both": ["off", "on"], "off": ["off"], "on": ["on"]}[args.cache]
    workdir = server.workdir("portal-bench-")
    page_file = workdir / "page.html"
    results = {}
    with server.own_database(args.database_url, workdir) as url:
        env = server.base_env(url)
        info = server.prepare_database(env, args.dataset)
        server.warn_unknown(args.off, info)
        for mode in modes:
            copy = server.copy_database(url, mode)
            run_env = {**env, "DATABASE_URL": copy, **(args.off if mode == "off" else {})}
            for name, result in _measure_pages(info, run_env, args, page_file).items():
                results[(mode, name)] = result
    bare_port = server.free_port()
    bare = server.serve(
        "bench.bare_app:app",
        bare_port,
        {"BENCH_BODY_FILE": str(page_file)},
        args.workers,
        args.worker_class,
    )
    try:
        results[("bare", "bare")] = _measure(f"http://127.0.0.1:{bare_port}/", None, args, bare)
        results[("bare", "bare")]["bytes"] = page_file.stat().st_size
    finally:
        server.stop(bare)
    _report(results, args)


def _report(results: dict, args) -> None:
    ceiling = results[("bare", "bare")]["rps"]
    off = " ".join(f"{name}={value}" for name, value in args.off.items())
    print(
        f"\ngunicorn {args.workers} {args.worker_class} workers; load: "
        f"{results[('bare', 'bare')]['tool']} -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s; {os.cpu_count()} cores; uncached = {off}; cached = app defaults"
    )
    print(
        f"{'page':<36}{'cache':>9}{'bytes':>8}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'x FlaskBB':>11}{'/ ceiling':>11}{'non-2xx':>9}{'CPU ms/req':>12}"
    )
    for (mode, name), result in results.items():
        peer = FLASKBB.get(name)
        times = f"{result['rps'] / peer:.1f}" if peer else "-"
        share = f"{result['rps'] / ceiling:.2f}" if name != "bare" else "1.00"
        print(
            f"{LABELS[name]:<36}{CACHE_LABELS[mode]:>9}{result['bytes']:>8}{result['rps']:>10.1f}"
            f"{result['p50']:>9.1f}{result['p99']:>9.1f}{times:>11}{share:>11}"
            f"{result['non_2xx']:>9}{result['cpu_ms']:>12.2f}"
        )
    print(
        "CPU ms/req: CPU time of the server's workers per request served (user + system, "
        "from /proc); steadier than req/s when other work shares the machine."
    )
    print(
        f"\nFlaskBB 2.0.2 on this kind of machine: index {FLASKBB['index']} req/s, big topic "
        f"{FLASKBB['big_topic']} req/s; its bare-Flask ceiling was ~{BARE_CEILING_REFERENCE:.0f}."
    )
    for name in ("index", "big_topic"):
        result = results.get(("off", name))
        if result is None:
            print(f"target for {LABELS[name]}: not judged (the uncached page was not measured)")
            continue
        ok = result["rps"] >= 20 * FLASKBB[name] and result["rps"] >= ceiling / 10
        print(
            f"target (>= 20x FlaskBB and >= ceiling/10, uncached) for {LABELS[name]}: "
            f"{'met' if ok else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
