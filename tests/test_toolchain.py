"""The tools the suite relies on: the type checker, the pinned versions."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_rules_services_and_models_pass_the_type_checker():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted():
    """What `make lint` checks: ruff format --check (the pinned ruff, so a release changes nothing)."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "community", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_tool_the_suite_runs_is_pinned_in_the_constraints():
    pinned = {
        line.split("==")[0].lower()
        for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
        if "==" in line
    }
    assert {"ruff", "mypy", "pytest", "playwright"} <= pinned


def _functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef):
            yield node


def _is_view(function: ast.FunctionDef) -> bool:
    return any(
        isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "route"
        for d in function.decorator_list
    )


def test_every_view_fits_in_25_lines():
    too_long = [
        f"{path.relative_to(ROOT)}:{function.name} ({function.end_lineno - function.lineno + 1} lines)"
        for path in (ROOT / "community").rglob("*.py")
        for function in _functions(path)
        if _is_view(function) and function.end_lineno - function.lineno + 1 > 25
    ]
    assert too_long == []


def test_each_features_error_class_lives_in_its_errors_module():
    misplaced = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "community").rglob("*.py")
        if path.name != "errors.py"
        and path.parent.name != "community"
        and "(ServiceError):" in path.read_text()
    ]
    assert misplaced == []
