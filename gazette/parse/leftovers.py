"""Markup a converter left in the text: HTML form controls (`<input type="checkbox"/>`), read from the
seed's 数据资源目录 tables. They are not the bulletin's words: the parser shows the symbol the printed
form has (☐, ☑, ○, ◉), reports each line (converter-markup) and keeps the original as a note on the
page (an Erratum of kind `normalised`, rendered as 原文整理). Everything else stays text, escaped
where it is shown (gazette.render.markup)."""

from __future__ import annotations

import re

from gazette.model import Erratum, Finding, FindingCode

# <input type="checkbox"/>, <INPUT type='radio' checked>, <input checked="checked" type=checkbox />
_CONTROL = re.compile(r"<input\b(?=[^<>]*\btype\s*=\s*[\"']?(checkbox|radio)\b)[^<>]*>", re.I)
_CHECKED = re.compile(r"\bchecked\b", re.I)
_SYMBOLS = {("checkbox", False): "☐", ("checkbox", True): "☑", ("radio", False): "○", ("radio", True): "◉"}


def symbol_for(markup: str) -> str | None:
    """The printed symbol for one form control's markup, or None for anything else."""
    match = _CONTROL.fullmatch(markup.strip())
    if match is None:
        return None
    return _SYMBOLS[(match.group(1).lower(), bool(_CHECKED.search(markup)))]


def normalise_leftovers(lines: list[str]) -> tuple[list[Erratum], list[Finding]]:
    """Replace form-control markup in `lines` (in place, 1-based line numbers kept); one note and one
    finding per line and kind of markup."""
    notes: list[Erratum] = []
    findings: list[Finding] = []
    for number, text in enumerate(lines, start=1):
        if "<" not in text:
            continue
        found: dict[str, int] = {}
        for match in _CONTROL.finditer(text):
            found[match.group(0)] = found.get(match.group(0), 0) + 1
        if not found:
            continue
        lines[number - 1] = _CONTROL.sub(lambda m: symbol_for(m.group(0)) or m.group(0), text)
        for markup, count in found.items():
            symbol = symbol_for(markup) or markup
            reason = f"转换软件留下的表单标记，本行共 {count} 处，按印刷样式显示为“{symbol}”。"
            notes.append(Erratum(number, markup, symbol, reason, "normalised"))
            findings.append(Finding(FindingCode.CONVERTER_MARKUP, f"{markup} ×{count} → {symbol}", number))
    return notes, findings
