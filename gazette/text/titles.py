"""Titles: drop the PDF's wrap-spaces, derive comparison keys."""

from __future__ import annotations

import re

from gazette.text.chars import nfkc, squash

# The words a title ends with (its 文种, or what a notice issues): 通知, 办法, 方案 …
TITLE_ENDINGS = ("规定", "办法", "方案", "计划", "预案", "措施", "安排", "要点", "制度", "细则", "规则", "意见",
                 "条例", "纲要", "规划", "清单", "标准", "决定", "通知", "分工", "指南", "目录", "章程", "守则",
                 "批复", "公告", "通告", "通报", "函", "令", "报告", "纪要", "（试行）", "（暂行）", "（修订）")
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
