"""Character classes and the folding used to compare (never to display) text.

Source text is kept verbatim everywhere; these helpers only build comparison keys.
"""

from __future__ import annotations

import re
import unicodedata

# Every kind of whitespace the PDF extraction produces, including the ideographic space.
WHITESPACE_RE = re.compile(r"[\s\u3000\u00a0\u2002-\u200b\ufeff]+")

SENTENCE_END = set("。！？；：!?;:…")
CLOSERS = set("”’」』）)】〕]》>")


def squash(text: str) -> str:
    """Remove all whitespace (PDF wrap-spaces, full-width spaces, tabs)."""
    return WHITESPACE_RE.sub("", text)


def nfkc(text: str) -> str:
    """Unicode NFKC: full-width ASCII to half-width, Ⅳ to IV, ① to 1."""
    return unicodedata.normalize("NFKC", text)


# Han ideographs: the unified block, extension A, the compatibility block and the supplementary-plane
# extensions. The one definition of a Chinese character for every rule (regex classes use HAN).
HAN_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF))
HAN = "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES)  # for a regex class: [{HAN}]
# The same without the supplementary planes: what search's runs use, since search.js writes its
# classes without the regex "u" flag (tests/search/test_query.py checks search.js has the same).
HAN_BMP = "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES if high <= 0xFFFF)


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in HAN_RANGES)


def strip_closers(text: str) -> str:
    """Drop trailing closing quotes/brackets, e.g. to look at the real last character."""
    text = text.rstrip()
    while text and text[-1] in CLOSERS:
        text = text[:-1].rstrip()
    return text


def ends_sentence(text: str) -> bool:
    """True when a line ends a sentence (。；：！？ possibly followed by a closing quote)."""
    core = strip_closers(text)
    return bool(core) and core[-1] in SENTENCE_END


def closing_group_start(text: str) -> int | None:
    """Where the bracket group that ends `text` opens: the （ or ( balancing its last ） or ), so a
    nested 各县(区) inside does not hide what comes before it. None when `text` does not end in one
    or it is never closed."""
    if not text or text[-1] not in "）)":
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "）)":
            depth += 1
        elif text[i] in "（(":
            depth -= 1
            if depth == 0:
                return i
    return None


def has_inner_punctuation(text: str) -> bool:
    """True when the text holds clause punctuation (，。；：) anywhere: prose, not a title."""
    return any(ch in "，。；：,;:！？!?" for ch in text)
