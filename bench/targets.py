"""The targets of issue 8, checked against a run's results: which pages pass, which miss and by how much."""

from __future__ import annotations

import operator

from bench.measure import Result

RATIO = {"visitor": 0.5, "member": 0.33}  # of the ceiling's requests/s
P99_MS = 50.0
QUERIES = 10
FIRST_LOAD_KB = 100.0
SEARCH_P50_MS = 50.0
SIGNS = {operator.ge: ">=", operator.le: "<=", operator.lt: "<"}


def check(results: list[Result]) -> list[dict]:
    """One line per page, who and target: the value, the limit, whether it passes."""
    checks = []
    for result in results:
        wanted = [
            ("ratio to ceiling", result.ratio, operator.ge, RATIO[result.who]),
            ("p99 ms", result.p99_ms, operator.lt, P99_MS),
            ("SQL queries", result.queries, operator.le, QUERIES),
            ("first load KB", result.first_load_kb, operator.lt, FIRST_LOAD_KB),
        ]
        if result.page == "search":
            wanted.append(("median ms", result.p50_ms, operator.lt, SEARCH_P50_MS))
        for target, value, compare, limit in wanted:
            checks.append(
                {
                    "page": result.page,
                    "who": result.who,
                    "target": target,
                    "value": value,
                    "limit": f"{SIGNS[compare]} {limit}",
                    "pass": value is not None and compare(value, limit),
                }
            )
    return checks


def summary(checks: list[dict]) -> str:
    misses = [check for check in checks if not check["pass"]]
    lines = [f"\nTargets: {len(checks) - len(misses)} of {len(checks)} met."]
    for check in misses:
        page, who, target = check["page"], check["who"], check["target"]
        lines.append(f"  MISS  {page:22} {who:8} {target:17} {check['value']} (want {check['limit']})")
    if not misses:
        lines.append("  Every page meets every target.")
    return "\n".join(lines)
