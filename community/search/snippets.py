"""A few words around the first match, with the matched words marked; everything else escaped."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from community.search.query import Query, fold

_TOKEN = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)


def _matches(word: str, query: Query) -> bool:
    folded = fold(word)
    return folded in query.highlight or bool(query.prefix and folded.startswith(query.prefix))


def snippet(text: str, query: Query, width: int = 32) -> Markup:
    """Up to ``width`` words of ``text`` around the first match, matches in <mark>."""
    tokens = _TOKEN.findall(text or "")
    word_positions = [i for i, token in enumerate(tokens) if token[0].isalnum()]
    first = next((i for i in word_positions if _matches(tokens[i], query)), None)
    start_word = 0
    if first is not None:
        start_word = max(0, word_positions.index(first) - width // 4)
    chosen = word_positions[start_word : start_word + width]
    if not chosen:
        return Markup("")
    reaches_end = start_word + width >= len(word_positions)
    first_token = 0 if start_word == 0 else chosen[0]
    last_token = len(tokens) if reaches_end else chosen[-1] + 1
    pieces = []
    for token in tokens[first_token:last_token]:
        if token[0].isalnum() and _matches(token, query):
            pieces.append(Markup("<mark>{}</mark>").format(token))
        else:
            pieces.append(escape(token))
    prefix = "… " if start_word > 0 else ""
    suffix = "" if reaches_end else " …"
    return Markup(prefix) + Markup("").join(pieces) + Markup(suffix)  # noqa: S704 - fixed ellipses
