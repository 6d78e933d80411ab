"""A framework file (YAML): parsed, checked whole, and every mistake reported with its line.

The file names its languages; every text (name, description, level labels, dimension names and
guidance, statements) must be given in each of them. Nothing is loaded unless the whole file is right.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

SHIPPED = Path(__file__).parent / "frameworks" / "digital-government.yaml"
SITE_LANGUAGES = ("en", "es", "fr", "nl")
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
MAX_DIMENSIONS = 12
MAX_STATEMENTS = 12


@dataclass
class Problem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class FrameworkFileError(Exception):
    """Every mistake found in a framework file, each with its line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Checker:
    problems: list[Problem] = field(default_factory=list)

    def fail(self, node, reason: str) -> None:
        self.problems.append(Problem(node.start_mark.line + 1, reason))

    def mapping(self, node, where: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{where} must be a mapping of names to values")
            return {}
        found: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if key.value in found:
                self.fail(key, f"{where} names {key.value!r} twice")
            found[key.value] = value
        return found

    def required(self, mapping: dict, node, name: str, where: str):
        if name not in mapping:
            self.fail(node, f"{where} has no {name!r}")
        return mapping.get(name)

    def scalar(self, node, where: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.fail(node, f"{where} must be a non-empty text")
            return None
        return str(node.value).strip()

    def sequence(self, node, where: str) -> list:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(node, f"{where} must be a non-empty list")
            return []
        return node.value

    def text(self, node, where: str, languages: list[str]) -> dict[str, str]:
        """A translated text: one entry per language of the file, none missing, none extra."""
        if node is None:
            return {}
        entries = self.mapping(node, where)
        texts = {}
        for language in languages:
            if language not in entries:
                self.fail(node, f"{where} has no translation in {language!r}")
                continue
            value = self.scalar(entries[language], f"{where} in {language!r}")
            if value:
                texts[language] = value
        for language, value in entries.items():
            if language not in languages:
                self.fail(value, f"{where} is in {language!r}, which is not one of the file's languages")
        return texts

    def identifier(self, node, where: str, seen: dict[str, int]) -> str | None:
        value = self.scalar(node, where)
        if value is None:
            return None
        if not ID.match(value):
            self.fail(node, f"{where} {value!r} must be lower-case letters, digits and hyphens")
        elif value in seen:
            self.fail(node, f"duplicate id {value!r} (first used on line {seen[value]})")
        else:
            seen[value] = node.start_mark.line + 1
        return value


def parse(source: str) -> dict:
    """The framework in ``source`` as plain data, or FrameworkFileError listing each mistake."""
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise FrameworkFileError(
            [Problem(line, f"not valid YAML: {getattr(error, 'problem', error)}")]
        ) from None
    if root is None:
        raise FrameworkFileError([Problem(1, "the file is empty")])
    check = Checker()
    top = check.mapping(root, "the framework")
    languages = _languages(check, top, root)
    data = {
        "key": check.identifier(check.required(top, root, "key", "the framework"), "the key", {}),
        "version": check.scalar(check.required(top, root, "version", "the framework"), "the version"),
        "languages": languages,
        "name": check.text(check.required(top, root, "name", "the framework"), "the name", languages),
        "description": check.text(top.get("description"), "the description", languages),
        "scale": _scale(check, check.required(top, root, "scale", "the framework"), languages),
        "dimensions": _dimensions(check, check.required(top, root, "dimensions", "the framework"), languages),
    }
    if data["version"] and len(data["version"]) > 20:
        check.fail(top["version"], "the version is longer than 20 characters")
    if check.problems:
        raise FrameworkFileError(sorted(check.problems, key=lambda problem: problem.line))
    return data


def _languages(check: Checker, top: dict, root) -> list[str]:
    node = check.required(top, root, "languages", "the framework")
    languages = [check.scalar(item, "a language") for item in check.sequence(node, "languages")]
    languages = [language for language in languages if language]
    for language in SITE_LANGUAGES:
        if node is not None and language not in languages:
            check.fail(node, f"languages must include {language!r}: the site is used in it")
    return languages


def _scale(check: Checker, node, languages: list[str]) -> dict:
    if node is None:
        return {}
    scale = check.mapping(node, "the scale")
    low, high = (
        _integer(check, check.required(scale, node, name, "the scale"), name) for name in ("min", "max")
    )
    if low is None or high is None:
        return {}
    if not 0 <= low < high <= low + 9:
        check.fail(node, "the scale must run upward over 2 to 10 levels (min below max)")
        return {}
    levels: dict[int, dict] = {}
    for item in check.sequence(check.required(scale, node, "levels", "the scale"), "the levels"):
        level = check.mapping(item, "a level")
        value = _integer(check, check.required(level, item, "value", "a level"), "a level's value")
        label = check.text(
            check.required(level, item, "label", "a level"), f"the label of level {value}", languages
        )
        if value is None:
            continue
        if not low <= value <= high:
            check.fail(item, f"level {value} is outside the scale {low}–{high}")
        elif value in levels:
            check.fail(item, f"level {value} is given twice")
        else:
            levels[value] = label
    missing = [str(value) for value in range(low, high + 1) if value not in levels]
    if missing and "levels" in scale:
        check.fail(scale["levels"], f"missing levels: {', '.join(missing)} (each level needs a label)")
    return {"min": low, "max": high, "levels": {str(value): levels[value] for value in sorted(levels)}}


def _integer(check: Checker, node, where: str) -> int | None:
    if node is None:
        return None
    value = check.scalar(node, where)
    if value is None:
        return None
    if not re.fullmatch(r"-?\d{1,3}", value):
        check.fail(node, f"{where} must be a whole number")
        return None
    return int(value)


def _dimensions(check: Checker, node, languages: list[str]) -> list[dict]:
    items = check.sequence(node, "the dimensions")
    if len(items) > MAX_DIMENSIONS:
        check.fail(node, f"a framework has at most {MAX_DIMENSIONS} dimensions")
    seen: dict[str, int] = {}
    dimensions = []
    for item in items:
        entries = check.mapping(item, "a dimension")
        ident = check.identifier(check.required(entries, item, "id", "a dimension"), "a dimension's id", seen)
        where = f"dimension {ident!r}"
        statements_node = check.required(entries, item, "statements", where)
        statements = []
        listed = check.sequence(statements_node, f"the statements of {where}")
        if len(listed) > MAX_STATEMENTS:
            check.fail(statements_node, f"{where} has more than {MAX_STATEMENTS} statements")
        for entry in listed:
            statement = check.mapping(entry, "a statement")
            sid = check.identifier(
                check.required(statement, entry, "id", "a statement"), "a statement's id", seen
            )
            text = check.text(
                check.required(statement, entry, "text", "a statement"), f"statement {sid!r}", languages
            )
            statements.append({"id": sid, "text": text})
        dimensions.append(
            {
                "id": ident,
                "name": check.text(
                    check.required(entries, item, "name", where), f"the name of {where}", languages
                ),
                "guidance": check.text(entries.get("guidance"), f"the guidance of {where}", languages),
                "statements": statements,
            }
        )
    return dimensions


def read(path: Path | str) -> dict:
    """Parse the framework file at ``path``."""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkFileError([Problem(1, f"cannot read the file: {error}")]) from None
    return parse(source)


@cache
def _shipped() -> dict:
    return read(SHIPPED)


def shipped() -> dict:
    """The framework every install ships, parsed once per process (a copy: callers may store it)."""
    return copy.deepcopy(_shipped())


def shipped_dimension_names(language: str) -> dict[str, str]:
    """The shipped framework's dimension names in ``language``, without a query or a copy."""
    return {d["id"]: d["name"].get(language) or d["name"]["en"] for d in _shipped()["dimensions"]}
