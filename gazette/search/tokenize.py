"""Text -> search terms. One normalisation for the index and for queries.

normalise(): NFKC (full-width -> half-width, Ⅳ -> IV), lower case, 繁体 and variant characters folded
to simplified ones (OpenCC's t2s table, character by character: 氣象災害 -> 气象灾害), and no spaces
between CJK characters or digits (the PDF's '提前 3 日' is '提前3日'). runs(): the normalised text
cut into CJK runs, numbers and ASCII words; everything else separates. The index
segments CJK runs with jieba (search mode, with a user dictionary made from the
knowledge base); queries are segmented against the index vocabulary (see query.py), so
both sides always agree on what a term is.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator

from gazette.search.settings import SETTINGS
from gazette.text.chars import HAN_BMP

CJK = HAN_BMP  # gazette.text.chars: the one definition of a Chinese character
# ASCII digits only ([0-9], not \d): the browser's regular expressions must match the same.
_RUN_RE = re.compile(rf"[{CJK}]+|[0-9]+(?:\.[0-9]+)?|[a-z][a-z0-9]*")
_SPACE_BETWEEN_RE = re.compile(rf"(?<=[{CJK}0-9])\s+(?=[{CJK}0-9])")

# Function words that carry no meaning on their own (settings.json, shared with search.js).
STOPWORDS = frozenset(SETTINGS["stopwords"].split())


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_fold_map())
    return _SPACE_BETWEEN_RE.sub("", text)


def fold(text: str) -> str:
    """繁体/variant characters folded to simplified ones, nothing else changed (陽政辦發 2020 年 76 號 ->
    阳政办发 2020 年 76 号): what the query's 文号 and article numbers are read from."""
    return text.translate(_fold_map())


@functools.cache
def fold_pairs() -> str:
    """繁体/variant -> simplified, one character for one, as a string of pairs (氣气災灾…): OpenCC's
    t2s conversion of each Han character of the BMP on its own. The indexer ships it in meta.js
    ("fold"), so search.js folds queries exactly as the index text was folded."""
    import opencc

    chars = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a conversion across lines would shift every pair: fold nothing
        return ""
    # one UTF-16 unit each (search.js reads the pairs two units at a time)
    return "".join(a + b for a, b in zip(chars, converted, strict=True) if len(b) == 1 and b != a and ord(b) < 0x10000)


@functools.cache
def _fold_map() -> dict[int, str]:
    pairs = fold_pairs()
    return {ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)}


def runs(text: str) -> Iterator[tuple[str, str]]:
    """(kind, run) with kind cjk | num | word, from already normalised text."""
    for m in _RUN_RE.finditer(text):
        run = m.group(0)
        first = run[0]
        yield ("num" if first.isdigit() else "word" if first.isascii() else "cjk"), run


def run_spans(text: str) -> Iterator[tuple[str, str, int]]:
    """runs() with where each run starts."""
    for m in _RUN_RE.finditer(text):
        run = m.group(0)
        first = run[0]
        yield ("num" if first.isdigit() else "word" if first.isascii() else "cjk"), run, m.start()


def is_term(token: str) -> bool:
    return bool(token) and token not in STOPWORDS and not token.isspace()


class IndexTokenizer:
    """jieba in search mode, HMM off (deterministic), with the knowledge base's own words."""

    def __init__(self, user_words: Iterable[str] = ()):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        for word in sorted(set(user_words)):
            if 2 <= len(word) <= 20 and all(_is_cjk(ch) for ch in word):
                self._jieba.add_word(word, freq=2000)

    def terms(self, text: str) -> list[str]:
        out: list[str] = []
        for kind, run in runs(normalise(text)):
            if kind == "cjk":
                out.extend(t for t in self._jieba.cut_for_search(run, HMM=False) if is_term(t))
            else:
                out.append(run)
        return out


def _is_cjk(ch: str) -> bool:
    return bool(re.match(rf"[{CJK}]", ch))


_QUOTED_RE = re.compile(r"[“\"「『]([^”\"」』]{2,40})[”\"」』]")
_SPLIT_RE = re.compile(r"[，、。；：,;:\s+＋—\-]+")


def quoted_terms(text: str) -> Iterator[str]:
    """Words the bulletin puts in quotes (“一局一委一中心一公司”, “放管服效”), split at punctuation."""
    for m in _QUOTED_RE.finditer(text):
        for piece in _SPLIT_RE.split(normalise(m.group(1))):
            if 2 <= len(piece) <= 12 and all(_is_cjk(ch) for ch in piece):
                yield piece
