"""The tools the suite relies on: the type checker, the pinned versions."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_rules_services_and_models_pass_the_type_checker():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_tool_the_suite_runs_is_pinned_in_the_constraints():
    pinned = {
        line.split("==")[0].lower()
        for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
        if "==" in line
    }
    assert {"ruff", "mypy", "pytest", "playwright"} <= pinned
