"""make bench: a fresh database, the big data set, the app under gunicorn, its pages under wrk.

    .venv/bin/python -m bench.run                       # SQLite in a temporary instance folder
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/x .venv/bin/python -m bench.run

On PostgreSQL the run creates a database of its own on that server (scripts/pgdb) and drops it at
the end; the database named in the URL is not touched. Each page is measured for 10 s with 8
connections (wrk, 2 threads) against 2 sync gunicorn workers, as a visitor and as a signed-in
member, next to the ceiling (bench/ceiling.py) under the same settings; then 8 members post comments
and reactions for 10 s and the rows stored are checked against the answers. The table goes to the
terminal and, as JSON, to bench/results/. Missed targets are reported; errors fail the command.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

if __package__ in (None, ""):  # run as a file: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import measure, targets, writes
from bench.measure import Gunicorn, Result

ROOT = measure.ROOT
RESULTS = ROOT / "bench" / "results"
PAGES = (
    ("home", "/"),
    ("initiatives list", "/initiatives/"),
    ("initiative, 50 comm.", "/initiatives/{initiative_id}"),
    ("member directory", "/members/"),
    ("profile", "/members/{profile}"),
    ("lab agriculture", "/labs/{lab}"),
    ("search", "/search?q={search}"),
    ("network in numbers", "/network"),
)
# The run's settings: rate limits lifted (the write mix posts far faster than a person), lists of 50.
SETTINGS = {"COMMUNITY_RATELIMIT_ENABLED": "false", "COMMUNITY_FORUM_PAGE_SIZE": "50"}
SLOW_SECONDS = 5.0  # a page this slow alone would pile up requests under wrk past its 30 s timeout


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Database:
    """A fresh database for the run: SQLite in the instance folder, or a new one on the PostgreSQL server."""

    def __init__(self, given: str | None):
        self.url, self.name = None, None
        if given and given.startswith("postgres"):
            self.name = f"bench_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}"
            subprocess.run([sys.executable, "scripts/pgdb", "create", self.name], cwd=ROOT, check=True)
            self.url = urlunsplit(urlsplit(given)._replace(path=f"/{self.name}"))
        self.backend = "postgresql" if self.name else "sqlite"

    def drop(self) -> None:
        if self.name:
            subprocess.run([sys.executable, "scripts/pgdb", "drop", self.name], cwd=ROOT, check=False)


def prepare(env: dict, instance: Path) -> dict:
    """Migrate with the app's own command, then seed (bench/seed.py prints how long it took)."""
    flask = [sys.executable, "-m", "flask", "--app", "community"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    manifest_path = instance / "bench-manifest.json"
    subprocess.run(
        [sys.executable, "-m", "bench.seed", "--manifest", str(manifest_path)], cwd=ROOT, env=env, check=True
    )
    return json.loads(manifest_path.read_text())


def measure_pages(server: Gunicorn, manifest: dict, member_cookie: str) -> list[Result]:
    results = []
    for name, template in PAGES:
        path = template.format(**manifest)
        for who, cookie in (("visitor", None), ("member", member_cookie)):
            result = measure_page(server.base, name, who, path, cookie)
            results.append(result)
            note = f"  ({result.note})" if result.note else ""
            log(
                f"{name:22} {who:8} {result.requests_per_second:7.0f} req/s  p50 {result.p50_ms:6.1f} ms"
                f"  p99 {result.p99_ms:6.1f} ms  errors {result.errors}{note}"
            )
    return results


def measure_page(base: str, name: str, who: str, path: str, cookie: str | None) -> Result:
    """wrk for 10 s; a page that fails, or takes over SLOW_SECONDS alone, is timed once instead."""
    status, seconds, html = measure.fetch(base + path, cookie)
    if status != 200:
        return Result(
            name, who, path, 0.0, 0.0, 0.0, 1, note=f"answered {status or 'nothing'} after {seconds:.1f} s"
        )
    if cookie and b'action="/auth/logout"' not in html:
        return Result(name, who, path, 0.0, 0.0, 0.0, 1, note="not signed in: the session cookie was refused")
    html_bytes, first_load = measure.page_weight(base, path, html, cookie)
    if seconds > SLOW_SECONDS:
        ms = round(seconds * 1000, 1)
        note = f"too slow for wrk: one request took {seconds:.1f} s; req/s = 2 workers / that time"
        return Result(
            name, who, path, round(2 / seconds, 2), ms, ms, 0, None, None, html_bytes, first_load, note
        )
    measure.warm(base + path, cookie)
    rps, p50, p99, errors = measure.wrk(base + path, cookie)
    measure.fetch(f"{base}/healthz")  # answered once the workers are through the requests wrk left queued
    return Result(name, who, path, rps, p50, p99, errors, html_bytes=html_bytes, first_load_kb=first_load)


def measure_ceiling(env: dict, instance: Path) -> Result:
    server = Gunicorn("bench.ceiling:app", env, instance)
    try:
        measure.warm(server.base + "/")
        rps, p50, p99, errors = measure.wrk(server.base + "/")
        html_bytes, first_load = measure.page_weight(server.base, "/", measure.fetch(server.base + "/")[2])
    finally:
        server.stop()
    log(f"ceiling (bare Flask)   {rps:7.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  errors {errors}")
    return Result(
        "ceiling (bare Flask)", "visitor", "/", rps, p50, p99, errors, 1.0, 1, html_bytes, first_load
    )


def count_queries(env: dict, manifest: dict, results: list[Result]):
    """SQL statements per page, counted in this process with the test client on the same database.

    Returns the app, which the write mix uses to count the rows stored.
    """
    os.environ.update(env)
    if "DATABASE_URL" not in env:
        os.environ.pop("DATABASE_URL", None)
    from sqlalchemy import event

    from community import create_app
    from community.extensions import db

    app = create_app({"WTF_CSRF_ENABLED": False})
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    clients = {"visitor": app.test_client(), "member": app.test_client()}
    clients["member"].post(
        "/auth/login", data={"identifier": manifest["reader"], "password": manifest["password"]}
    )
    for result in results:
        client = clients[result.who]
        if not result.note:  # the second request counts: what a warm worker runs (a slow page: the first)
            client.get(result.path)
        statements.clear()
        client.get(result.path)
        result.queries = len(statements)
    return app


def machine() -> dict:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")  # fmt: skip
    return {
        "cores": os.cpu_count(),
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
    }


def save(report: dict, backend: str) -> Path:
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{backend}-{stamp}.json"
    text = json.dumps(report, indent=2, default=str) + "\n"
    path.write_text(text)
    (RESULTS / f"latest-{backend}.json").write_text(text)
    return path


def run(args) -> int:
    started = time.perf_counter()
    measure.DURATION = f"{args.duration}s"
    instance = Path(tempfile.mkdtemp(prefix="community-bench-"))
    database = Database(os.environ.get("DATABASE_URL"))
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(SETTINGS, COMMUNITY_INSTANCE=str(instance))
    if database.url:
        env["DATABASE_URL"] = database.url
    log(
        f"Bench on {database.backend}, instance {instance}; run settings: "
        + ", ".join(f"{k}={v}" for k, v in SETTINGS.items())
    )
    server = None
    try:
        seed_started = time.perf_counter()
        manifest = prepare(env, instance)
        took = time.perf_counter() - seed_started
        log(f"Migrated and seeded in {took:.0f} s (the seeding itself: {manifest['seconds']} s)")
        server = Gunicorn("community:create_app()", env, instance)
        reader = writes.sign_in(server.base, manifest["reader"], manifest["password"])
        cookie = writes.cookie_header(reader)
        ceilings = [measure_ceiling(env, instance)]
        results = measure_pages(server, manifest, cookie)
        ceilings.append(measure_ceiling(env, instance))
        ceiling = sum(c.requests_per_second for c in ceilings) / len(ceilings)
        for result in results:
            result.ratio = round(result.requests_per_second / ceiling, 2)
        app = count_queries(env, manifest, results)
        mix = writes.write_mix(server.base, manifest, app)
        log(f"write mix: {mix['requests_per_second']:.0f} req/s, {mix['errors']} errors")
    finally:
        try:
            if server is not None:
                server.stop()
        finally:
            if not args.keep:
                database.drop()
                shutil.rmtree(instance, ignore_errors=True)
    ceiling_row = Result(
        "ceiling (bare Flask)", "visitor", "/", round(ceiling, 1),
        round(sum(c.p50_ms for c in ceilings) / len(ceilings), 1),
        round(sum(c.p99_ms for c in ceilings) / len(ceilings), 1),
        sum(c.errors for c in ceilings), 1.0, 1, ceilings[0].html_bytes, ceilings[0].first_load_kb,
    )  # fmt: skip
    checks = targets.check(results)
    report = {
        "backend": database.backend,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {
            "gunicorn_workers": 2,
            "worker_class": "sync",
            "wrk_threads": measure.THREADS,
            "connections": measure.CONNECTIONS,
            "duration": measure.DURATION,
            **SETTINGS,
        },  # fmt: skip
        "seed": {
            "seconds": manifest["seconds"],
            "rows": manifest["rows"],
            "initiative_id": manifest["initiative_id"],
        },
        "ceiling": {
            "requests_per_second": round(ceiling, 1),
            "runs": [measure.as_dicts([c])[0] for c in ceilings],
        },
        "pages": measure.as_dicts(results),
        "write_mix": mix,
        "targets": checks,
        "total_seconds": round(time.perf_counter() - started),
    }
    print()
    print(measure.table([ceiling_row, *results]))
    runs = ", ".join(f"{c.requests_per_second:.0f}" for c in ceilings)
    print(f"\nCeiling: the mean of {len(ceilings)} runs, before and after the pages ({runs} req/s).")
    print("Ratio: a page's req/s over the ceiling's; SQL: statements per request of a warm worker.")
    print(
        f"Run settings: {', '.join(f'{k}={v}' for k, v in SETTINGS.items())} (lists of 50, no rate limits)."
    )
    print(writes.summary(mix))
    print(targets.summary(checks))
    path = save(report, database.backend)
    total = report["total_seconds"]
    print(f"\nResults: {path.relative_to(ROOT)} (and latest-{database.backend}.json); {total} s in all.")
    if args.keep:
        where = f"COMMUNITY_INSTANCE={instance}" + (f" DATABASE_URL={database.url}" if database.url else "")
        print(f"Kept the database: {where} .venv/bin/python -m bench.profile /initiatives/")
        if database.name:
            print(f"Drop it afterwards: .venv/bin/python scripts/pgdb drop {database.name}")
    failed = [r for r in [*ceilings, *results] if r.errors] or mix["errors"] or not mix["rows_match"]
    failed = failed or not mix["counters_exact"]
    if failed:
        print("\nFAILED: errors during the run (see above).", file=sys.stderr)
        return 1
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement (10)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the database and instance folder afterwards"
    )
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
