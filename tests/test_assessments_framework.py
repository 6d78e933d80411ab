"""Framework files: the shipped one is whole; a wrong one is refused with each line and reason."""

import pytest
from sqlalchemy import func, select

from community.assessments import framework as framework_file
from community.assessments.models import Framework
from community.extensions import db

SHIPPED_TEXT = framework_file.SHIPPED.read_text(encoding="utf-8")


def line_of(text: str, source: str = SHIPPED_TEXT) -> int:
    return next(n for n, line in enumerate(source.splitlines(), start=1) if text in line)


def test_the_shipped_framework_has_six_dimensions_of_four_to_six_statements_in_four_languages():
    data = framework_file.parse(SHIPPED_TEXT)
    assert len(data["dimensions"]) == 6
    assert all(4 <= len(d["statements"]) <= 6 for d in data["dimensions"])
    assert list(data["scale"]["levels"]) == ["1", "2", "3", "4", "5"]
    texts = [d["name"] for d in data["dimensions"]] + [d["guidance"] for d in data["dimensions"]]
    texts += [s["text"] for d in data["dimensions"] for s in d["statements"]]
    texts += list(data["scale"]["levels"].values())
    assert all(set(text) == {"en", "es", "fr", "nl"} for text in texts)


def _problems(source: str) -> list[str]:
    with pytest.raises(framework_file.FrameworkFileError) as caught:
        framework_file.parse(source)
    return [str(problem) for problem in caught.value.problems]


def test_a_missing_level_is_refused_with_its_line():
    source = SHIPPED_TEXT.replace("    - value: 3\n", "    - value: 2\n", 1)
    problems = _problems(source)
    assert f"line {line_of('- value: 3')}: level 2 is given twice" in problems
    assert any("missing levels: 3" in p for p in problems)


def test_duplicate_ids_are_refused_with_the_line_of_both():
    problems = _problems(SHIPPED_TEXT.replace("id: legal-privacy", "id: legal-sharing"))
    first, second = line_of("id: legal-privacy"), line_of("id: legal-sharing")
    assert f"line {second}: duplicate id 'legal-sharing' (first used on line {first})" in problems


def test_a_missing_translation_is_refused_with_its_line():
    lines = SHIPPED_TEXT.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "nl: Zes dimensies" in line)
    problems = _problems("".join(lines[:number] + lines[number + 1 :]))
    assert problems == [f"line {line_of('en: Six dimensions')}: the description has no translation in 'nl'"]


def test_broken_yaml_and_an_empty_file_are_refused_with_a_line():
    assert _problems("key: [unclosed\nversion: 1\n")[0].startswith("line ")
    assert _problems("") == ["line 1: the file is empty"]
    assert any("must be a whole number" in p for p in _problems(SHIPPED_TEXT.replace("max: 5", "max: five")))


def test_the_load_command_loads_a_file_once_and_refuses_a_wrong_one_whole(app, tmp_path):
    runner = app.test_cli_runner()
    good = tmp_path / "national.yaml"
    good.write_text(SHIPPED_TEXT.replace("key: digital-government", "key: national"), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SHIPPED_TEXT.replace("id: legal-privacy", "id: legal-sharing").replace(
            "key: digital-government", "key: other"
        )
    )

    result = runner.invoke(args=["assessments", "load", str(bad)])
    assert result.exit_code != 0
    assert f"{bad}:{line_of('id: legal-sharing')}: duplicate id 'legal-sharing'" in result.output

    result = runner.invoke(args=["assessments", "load", str(good)])
    assert result.exit_code == 0, result.output
    assert "Loaded national version 1.0: 6 dimensions, 24 statements." in result.output

    again = runner.invoke(args=["assessments", "load", str(good)])
    assert again.exit_code != 0 and "is loaded already" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Framework.id))) == 1
