"""Page furniture: page numbers and running heads, which are layout, not bulletin text.

One place for the patterns, used by the PDF import (where the top and bottom bands of a
page are known) and by the parser (for text that another converter produced with the
furniture left in).
"""

from __future__ import annotations

import re

_DASH = r"—–\-－―·•"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
# In a page's top or bottom band: '— 12 —', '- 12 -', '·12·', '12', '第 12 页', '(12)', '— Ⅱ —'.
PAGE_NUMBER_RE = re.compile(
    rf"^[\s{_DASH}.．(（\[［]*(?:第\s*)?(\d{{1,4}}|[{_ROMAN}]{{1,3}})(?:\s*页)?[\s{_DASH}.．)）\]］]*$")
# Anywhere in a text file only when decorated ('— 12 —', '第 12 页'): a bare '12' may be a table cell.
DECORATED_PAGE_NUMBER_RE = re.compile(
    rf"^\s*(?:[{_DASH}]\s*(\d{{1,4}}|[{_ROMAN}]{{1,3}})\s*[{_DASH}]|第\s*(\d{{1,4}})\s*页)\s*$")
# A page number printed at either end of a running head: '阳泉市人民政府公报 · 12 ·'.
# The run before a trailing number starts after a character outside the run (the leftmost match
# started there anyway): one attempt per run, not one per character of a long run of dashes.
HEAD_NUMBER_RE = re.compile(
    rf"^[{_DASH}\s]*+(\d{{1,4}})[{_DASH}\s]+(?=\S)|(?<=[^\s{_DASH}])[\s{_DASH}]++(\d{{1,4}})[{_DASH}\s]*+$")


def page_number(text: str) -> int | None:
    """The number of a page-number line ('— 12 —' -> 12; roman numerals of front matter -> None)."""
    m = PAGE_NUMBER_RE.match(text)
    return int(m.group(1)) if m and m.group(1).isdigit() else None


def running_head_re(bulletin_title: str) -> re.Pattern[str]:
    """'阳泉市人民政府公报 2020年第4期' (spaces anywhere, page number at either end allowed)."""
    title = r"\s*".join(map(re.escape, re.sub(r"\s+", "", bulletin_title)))
    number = rf"(?:[\s{_DASH}]*\d{{1,4}}[\s{_DASH}]*)?"
    return re.compile(rf"^{number}{title}\s*\d{{4}}\s*年?\s*第\s*\d{{1,3}}\s*期{number}$")
