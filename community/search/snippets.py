"""A few words around the first match, with the matched words marked; everything else escaped."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from community.search.query import Query, fold

_TOKEN = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)
_SCANNED_CHARACTERS = 20_000  # a match further into a very long text shows the text's start


@lru_cache(maxsize=50_000)
def _folded(word: str) -> str:
    return fold(word)


def snippet(text: str, query: Query, width: int = 32) -> Markup:
    """Up to ``width`` words of ``text`` around the first match, matches in <mark>."""
    marked, prefix = frozenset(query.highlight), query.prefix

    def matches(word: str) -> bool:
        folded = _folded(word)
        return folded in marked or bool(prefix and folded.startswith(prefix))

    tokens = _TOKEN.findall((text or "")[:_SCANNED_CHARACTERS])
    word_positions = [i for i, token in enumerate(tokens) if token[0].isalnum()]
    first = next((n for n, i in enumerate(word_positions) if matches(tokens[i])), None)
    start_word = max(0, first - width // 4) if first is not None else 0
    chosen = word_positions[start_word : start_word + width]
    if not chosen:
        return Markup("")
    reaches_end = start_word + width >= len(word_positions) and len(text) <= _SCANNED_CHARACTERS
    first_token = 0 if start_word == 0 else chosen[0]
    last_token = len(tokens) if reaches_end else chosen[-1] + 1
    pieces = [
        f"<mark>{escape(token)}</mark>" if token[0].isalnum() and matches(token) else str(escape(token))
        for token in tokens[first_token:last_token]
    ]
    return Markup(("… " if start_word > 0 else "") + "".join(pieces) + ("" if reaches_end else " …"))  # noqa: S704
