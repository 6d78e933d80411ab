"""Profile one page on a bench database: N requests through the test client under pyinstrument.

    .venv/bin/python -m bench.run --keep      # at the end it prints the database it kept
    COMMUNITY_INSTANCE=/tmp/community-bench-… .venv/bin/python -m bench.profile /initiatives/ -n 50
    COMMUNITY_INSTANCE=/tmp/community-bench-… .venv/bin/python -m bench.profile /labs/agriculture --member
    COMMUNITY_INSTANCE=… DATABASE_URL=postgresql://…/bench_… .venv/bin/python -m bench.profile /search?q=data

The app runs with the bench's settings (lists of 50, no rate limits); --member signs in first as the
member the bench measures with (bench-manifest.json in the instance folder) or --as USERNAME.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyinstrument import Profiler

from bench.run import SETTINGS
from bench.seed import BENCH_PASSWORD


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help='the page, e.g. /initiatives/ or "/search?q=data"')
    parser.add_argument("-n", "--requests", type=int, default=50, help="requests to profile (50)")
    parser.add_argument("--member", action="store_true", help="signed in as the bench's member")
    parser.add_argument("--as", dest="username", help="signed in as this member")
    parser.add_argument("--html", help="also write pyinstrument's HTML report to this file")
    args = parser.parse_args()
    for key, value in SETTINGS.items():
        os.environ.setdefault(key, value)
    from community import create_app

    app = create_app({"WTF_CSRF_ENABLED": False})
    client = app.test_client()
    username = args.username
    if args.member and not username:
        manifest = Path(app.instance_path) / "bench-manifest.json"
        username = json.loads(manifest.read_text())["reader"]
    if username:
        answer = client.post("/auth/login", data={"identifier": username, "password": BENCH_PASSWORD})
        if answer.status_code != 302:
            sys.exit(f"Could not sign in as {username}.")
    status = client.get(args.path).status_code  # the first request loads templates and caches
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    profiler.start()
    for _ in range(args.requests):
        client.get(args.path)
    profiler.stop()
    elapsed = time.perf_counter() - started
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    each = elapsed / args.requests * 1000
    print(f"{args.path} ({status}, {username or 'visitor'}): {each:.1f} ms a request, under the profiler")
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
