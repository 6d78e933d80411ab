"""Read what people type into the search box: words, "quoted phrases", -excluded words.

Anything else (unbalanced quotes, operators alone, FTS syntax, control characters, huge input)
is read as plain words: parsing never fails.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 256
MAX_TERMS = 12
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_PIECE = re.compile(r'(-?)"([^"]*)"|(\S+)')


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Gestión" and "gestion" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``: what the index stores and the query matches."""
    return _WORD.findall(fold(text))


@dataclass
class Query:
    required: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    prefix: str | None = None  # the last word, matched as a prefix while the person types

    @property
    def is_empty(self) -> bool:
        return not (self.required or self.phrases or self.prefix)

    @property
    def highlight(self) -> list[str]:
        """Words to mark in snippets."""
        return [
            *self.required,
            *(w for phrase in self.phrases for w in phrase),
            *([self.prefix] if self.prefix else []),
        ]


def parse(text: str | None) -> Query:
    """Parse the search box; never raises."""
    text = (text or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    if text.count('"') % 2:  # an unbalanced quote is just a character
        text = text.replace('"', " ")
    query = Query()
    budget = MAX_TERMS
    pieces = list(_PIECE.finditer(text))
    for match in pieces:
        negative, quoted, bare = match.group(1), match.group(2), match.group(3)
        if quoted is not None:
            tokens = words(quoted)[:budget]
            if negative:
                query.excluded.extend(tokens)
            elif len(tokens) > 1:
                query.phrases.append(tokens)
            else:
                query.required.extend(tokens)
            budget -= len(tokens)
            continue
        negative = bare.startswith("-") and len(bare) > 1
        tokens = words(bare)[:budget]
        budget -= len(tokens)
        if negative:
            query.excluded.extend(tokens)
        else:
            query.required.extend(tokens)
        if budget <= 0:
            break
    last = pieces[-1] if pieces else None
    if (
        query.required
        and last is not None
        and last.group(3)
        and not text.endswith(" ")
        and not last.group(3).startswith("-")
    ):
        query.prefix = query.required.pop()
    return query
