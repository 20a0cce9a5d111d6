"""A realistic mix: signed-in members reading different pages, writing and signing in.

    .venv/bin/python bench/mix.py [--duration 20] [--reply 2.5] [--reaction 2.5]
        [--sign-in 1] [--reads index=15,category=20,...] [--think 0] [--members 32]
        [--processes 2] [--worker-class sync|gthread] [--database-url URL]
        [--cache both|off|on] [--off-env NAME=VALUE ...]

Loads the forum benchmark data (bench/dataset.py; its 32 users are the members, all with
the benchmark password) and, for each configuration (caches off through `--off-env`,
default `POST_CACHE_BYTES=0`, then the app's defaults), serves a fresh copy of the same
data with gunicorn (2 sync workers by default) and runs every member in its own loop:
reads of the category list, a category page, a topic page (recent topics more likely),
the 500-post topic, the home page and "jump to first unread"; replies (form POST with the
page's CSRF token) and reaction toggles; sign-out and sign-in again. A 2-second warm-up
under the same load is not counted. Prints throughput, p50/p99 per kind, 5xx and other
unexpected statuses, and the lost writes: every acknowledged reply must be stored exactly
once, and each reaction's final state must be the last acknowledged toggle. Exits with
status 1 when a configuration had a lost write or a 5xx.
"""

import argparse
import math
import multiprocessing
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402 - after the path is set
from sqlalchemy.engine import make_url  # noqa: E402

from bench import server  # noqa: E402
from bench.mix_member import run_process  # noqa: E402
from bench.mix_plan import (  # noqa: E402
    DEFAULT_READS,
    KINDS,
    Plan,
    lost_writes,
    parse_weights,
    summarise,
)

MODE_LABELS = {"off": "caches off", "on": "caches on"}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--dataset", help="JSON from forum_dataset.py --json")
    add("--duration", type=float, default=20, help="seconds measured per configuration")
    add("--warm-up", type=float, default=2, help="seconds of load before measuring")
    add("--reply", type=float, default=2.5, help="percent of actions that are replies")
    add("--reaction", type=float, default=2.5, help="percent that are reaction toggles")
    add("--sign-in", type=float, default=1, help="percent that sign out and in again")
    add("--reads", default=DEFAULT_READS, help="weights of the kinds of read")
    add("--think", type=float, default=0, help="mean think time between actions (s)")
    add("--members", type=int, default=32, help="virtual members (at most the data's users)")
    add("--processes", type=int, default=2, help="client processes the members run in")
    add("--seed", type=int, default=1)
    add("--workers", type=int, default=2, help="gunicorn workers")
    add("--worker-class", default="sync", choices=["sync", "gthread"])
    add("--database-url", help="a PostgreSQL server to create (and drop) databases on")
    add("--cache", choices=["both", "off", "on"], default="both")
    add("--off-env", action="append", metavar="NAME=VALUE", help="turns the caches off")
    args = parser.parse_args()
    args.off = server.parse_env(args.off_env or server.DEFAULT_OFF)
    args.plan = Plan(
        reply=args.reply,
        reaction=args.reaction,
        sign_in=args.sign_in,
        reads=parse_weights(args.reads),
        think=args.think,
    )
    return args


def _load(port: int, info: dict, args, tag: str, process) -> dict:
    """Run the members against the server on `port`; returns what the processes gathered."""
    users = info["members"][: args.members]
    processes = max(1, min(args.processes, len(users)))
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(processes + 1), context.Queue()
    seconds = args.warm_up + args.duration
    workers = [
        context.Process(
            target=run_process,
            args=(port, users[i::processes], info, args.plan, args.seed, tag, seconds),
            kwargs={"barrier": barrier, "results": results},
        )
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    barrier.wait(timeout=600)  # every member signed in
    time.sleep(args.warm_up)
    cpu_before = server.cpu_seconds(process)
    time.sleep(args.duration)
    cpu_after = server.cpu_seconds(process)
    gathered = [results.get(timeout=seconds + 600) for _ in workers]
    for worker in workers:
        worker.join()
    records, replies, toggles, errors, cpu = [], [], [], [], 0.0
    for start, own_records, own_replies, own_toggles, own_cpu, own_errors in gathered:
        low, high = start + args.warm_up, start + seconds
        records += [r for r in own_records if low <= r.finished <= high]
        replies += own_replies
        toggles += own_toggles
        errors += own_errors
        cpu += own_cpu
    low_share, high_share = len(users) // processes, -(-len(users) // processes)
    share = str(low_share) if low_share == high_share else f"{low_share}-{high_share}"
    threads = f"{processes} processes x {share}"
    return {
        "records": records,
        "replies": replies,
        "toggles": toggles,
        "errors": errors,
        "client_cpu": cpu / seconds,
        "clients": f"{len(users)} members in {threads} threads",
        "server_cpu": None if cpu_before is None else cpu_after - cpu_before,
    }


def _stored(url: str, tag: str) -> tuple[dict, set]:
    """The mix's replies ({marker: [topic ids]}) and every reaction row in the database."""
    if url.startswith("postgres"):
        url = make_url(url).set(drivername="postgresql+psycopg")
    engine = create_engine(url)
    with engine.connect() as connection:
        replies: dict[str, list[int]] = {}
        rows = connection.execute(
            text("SELECT body, topic_id FROM forum_posts WHERE body LIKE :prefix"),
            {"prefix": f"mix-{tag}-%"},
        )
        for body, topic_id in rows:
            replies.setdefault(body.split(":", 1)[0], []).append(topic_id)
        reactions = set(
            connection.execute(text("SELECT user_id, post_id, kind FROM forum_reactions"))
        )
    engine.dispose()
    return replies, {tuple(row) for row in reactions}


def _configuration(mode: str, url: str, env: dict, info: dict, args) -> dict:
    """Serve a fresh copy of the data in this configuration, load it, check the writes."""
    copy = server.copy_database(url, f"mix{mode}")
    run_env = {**env, "DATABASE_URL": copy, **(args.off if mode == "off" else {})}
    port, tag = server.free_port(), secrets.token_hex(3)
    process = server.serve("wsgi:app", port, run_env, args.workers, args.worker_class)
    try:
        result = _load(port, info, args, tag, process)
    finally:
        server.stop(process)
    stored_replies, stored_reactions = _stored(copy, tag)
    result["lost"] = lost_writes(
        result["replies"], stored_replies, result["toggles"], stored_reactions
    )
    result["summary"] = summarise(result["records"])
    return result


def _ms(value: float, digits: int = 1) -> str:
    """Milliseconds as printed: "-" when there was nothing to measure."""
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def _report(mode: str, result: dict, args) -> None:
    summary, lost, duration = result["summary"], result["lost"], args.duration
    kinds = summary["kinds"]
    settings = (
        " ".join(f"{k}={v}" for k, v in args.off.items()) if mode == "off" else "app defaults"
    )
    database = "PostgreSQL" if (args.database_url or "").startswith("postgres") else "SQLite"
    think = f"{args.think} s mean" if args.think else "none"
    print(f"\n=== {MODE_LABELS[mode]} ({settings}) ===")
    print(
        f"gunicorn {args.workers} {args.worker_class} workers, {database}, {os.cpu_count()} cores; "
        f"{result['clients']} (http.client, keep-alive where the server keeps it); "
        f"client CPU {result['client_cpu']:.2f} of a core; think time {think}; "
        f"warm-up {args.warm_up:g} s, measured {duration:g} s"
    )
    print(
        f"mix: reply {args.plan.reply:g} %, reaction {args.plan.reaction:g} %, "
        f"sign-in {args.plan.sign_in:g} % of actions; reads {args.reads}"
    )
    line = f"throughput {kinds['all']['count'] / duration:.1f} requests/s"
    if result["server_cpu"] is not None and kinds["all"]["count"]:
        line += (
            f"; server workers' CPU {1000 * result['server_cpu'] / kinds['all']['count']:.1f} "
            f"ms per request, {result['server_cpu'] / duration:.2f} cores busy"
        )
    print(line)
    print(
        f"{'kind':<22}{'requests':>9}{'share':>7}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'5xx':>6}{'unexpected':>11}{'no answer':>10}"
    )
    total = kinds["all"]["count"] or 1
    rows = [(kind, kinds[kind]) for kind in ("all", *KINDS)]
    rows += [(f"  read: {label}", stats) for label, stats in summary["pages"].items()]
    for name, stats in rows:
        print(
            f"{name:<22}{stats['count']:>9}{100 * stats['count'] / total:>6.1f}%"
            f"{stats['count'] / duration:>8.1f}{_ms(stats['p50']):>9}{_ms(stats['p99']):>9}"
            f"{stats['5xx']:>6}{stats['unexpected']:>11}{stats['no_answer']:>10}"
        )
    looked_up = summary["cache_hits"] + summary["cache_misses"]
    if looked_up:
        print(
            f"page cache: {summary['cache_hits']} hits of {looked_up} cacheable pages "
            f"({100 * summary['cache_hits'] / looked_up:.1f} %)"
        )
    print(
        f"writes: {lost['replies']} replies acknowledged ({lost['missing']} missing, "
        f"{lost['duplicated']} stored twice, {lost['misplaced']} in another topic; "
        f"{lost['unacked_stored']} unacknowledged but stored); {lost['reactions']} reaction "
        f"states checked ({lost['wrong']} wrong, {lost['uncertain']} uncertain: no answer)"
    )
    errors = kinds["all"]["5xx"]
    verdict = "OK" if not (lost["lost"] or errors) else "!!! FAILED !!!"
    print(f"lost writes: {lost['lost']}   5xx: {errors}   {verdict}")
    for error in result["errors"][:5]:
        print(f"  client error: {error}")


def _comparison(results: dict, duration: float) -> None:
    print("\n=== summary (requests/s, server CPU ms per request; p50/p99 ms) ===")
    print(
        f"{'configuration':<14}{'req/s':>8}{'CPU ms':>8}"
        + "".join(f"{k:>18}" for k in ("all", *KINDS))
    )
    for mode, result in results.items():
        kinds = result["summary"]["kinds"]
        count = kinds["all"]["count"]
        cpu = result["server_cpu"]
        cpu_ms = 1000 * cpu / count if cpu is not None and count else math.nan
        cells = "".join(
            f"{_ms(kinds[k]['p50'], 0)}/{_ms(kinds[k]['p99'], 0)}".rjust(18)
            for k in ("all", *KINDS)
        )
        print(f"{MODE_LABELS[mode]:<14}{count / duration:>8.1f}{_ms(cpu_ms):>8}{cells}")


def main() -> None:
    args = _arguments()
    for name in args.off:  # "caches on" means the app's defaults, not this shell's settings
        os.environ.pop(name, None)
    modes = {"both": ["off", "on"], "off": ["off"], "on": ["on"]}[args.cache]
    workdir = server.workdir("portal-mix-")
    results = {}
    with server.own_database(args.database_url, workdir) as url:
        env = server.base_env(url)
        info = server.prepare_database(env, args.dataset)
        server.warn_unknown(args.off, info)
        if args.members > len(info["members"]):
            raise SystemExit(f"--members: the data has {len(info['members'])} users")
        for mode in modes:
            results[mode] = _configuration(mode, url, env, info, args)
            _report(mode, results[mode], args)
    _comparison(results, args.duration)
    failed = [
        MODE_LABELS[mode]
        for mode, result in results.items()
        if result["lost"]["lost"] or result["summary"]["kinds"]["all"]["5xx"]
    ]
    if failed:
        print(f"\n!!! LOST WRITES OR 5xx with {', '.join(failed)} !!!")
        sys.exit(1)


if __name__ == "__main__":
    main()
