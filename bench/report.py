"""The README's tables: bench/results/latest-<backend>.json as Markdown.

.venv/bin/python -m bench.report        # after make bench and make bench DATABASE_URL=…
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _number(value, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _rate(value: float) -> str:
    return _number(value, 1 if value < 10 else 0)


def markdown(report: dict) -> str:
    """One backend's run: the header line, then a row per page and who."""
    ceiling = report["ceiling"]["requests_per_second"]
    seed = report["seed"]
    mix = report["write_mix"]
    misses = sum(not check["pass"] for check in report["targets"])
    when = report["finished_at"][:16].replace("T", " ")
    rows = "match" if mix["rows_match"] else "MISMATCH"
    lines = [
        f"**{report['backend']}**, {when} UTC: ceiling {ceiling:.0f} req/s; seeding {seed['seconds']} s; "
        f"write mix {mix['requests_per_second']:.0f} req/s, {mix['errors']} errors, rows stored {rows}; "
        f"{misses} of {len(report['targets'])} target checks missed.",
        "",
        "| page | who | req/s | p50 ms | p99 ms | ratio | SQL | HTML KB | first load KB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in report["pages"]:
        html = page["html_bytes"] / 1024 if page["html_bytes"] else None
        note = " *" if page.get("note") else ""
        lines.append(
            f"| {page['page']}{note} | {page['who']} | {_rate(page['requests_per_second'])} | "
            f"{_number(page['p50_ms'], 1)} | {_number(page['p99_ms'], 1)} | {_number(page['ratio'], 2)} | "
            f"{_number(page['queries'])} | {_number(html, 1)} | {_number(page['first_load_kb'], 1)} |"
        )
    notes = [
        f"\\* {page['page']}, {page['who']}: {page['note']}" for page in report["pages"] if page.get("note")
    ]
    return "\n".join(lines + ([""] + notes if notes else []))


def main() -> None:
    for backend in ("sqlite", "postgresql"):
        path = RESULTS / f"latest-{backend}.json"
        if path.exists():
            print(markdown(json.loads(path.read_text())) + "\n")


if __name__ == "__main__":
    main()
