"""Titles: drop the PDF's wrap-spaces, derive comparison keys."""

from __future__ import annotations

import re

from gazette.text.chars import nfkc, squash

_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")


def remove_wrap_spaces(text: str) -> str:
    """Drop spaces the PDF inserted, keeping one between two ASCII words ('JT/T 905')."""
    def keep(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return " " if before.isascii() and after.isascii() and before.isalpha() and after.isalpha() else ""

    return _SPACE_RUN.sub(keep, text.strip())


def title_key(text: str) -> str:
    """Comparison key for titles: NFKC, no spaces, unified brackets and quotes."""
    key = squash(nfkc(text))
    for a, b in (("(", "（"), (")", "）"), ("“", '"'), ("”", '"'), ("《", ""), ("》", "")):
        key = key.replace(a, b)
    return key
