"""Errata: visible corrections of the source text.

The errata file (bulletins/errata.yaml) lists, per issue, the line, the text as printed,
the corrected text and the reason. Corrections replace the printed text at that line
before parsing; every page shows a 勘误 note with the original wording. An erratum whose
original text is no longer at its line is an error: the source changed under it.
"""

from __future__ import annotations

from pathlib import Path

from gazette.errors import InputError
from gazette.model import Erratum
from gazette.source.reader import SourceText
from gazette.yamlfile import load_yaml_list

REQUIRED = ("issue", "line", "original", "corrected", "reason")


def load_errata(path: Path) -> dict[str, list[dict]]:
    """Entries of the errata file grouped by issue key ('2020-04'); {} if there is none."""
    if not path.exists():
        return {}
    grouped: dict[str, list[dict]] = {}
    for line, entry in load_yaml_list(path, "勘误文件"):
        missing = [k for k in REQUIRED if not isinstance(entry, dict) or entry.get(k) in (None, "")]
        if missing:
            raise InputError(f"这条勘误缺少 {'、'.join(missing)}，请补全", path, line)
        if isinstance(entry["line"], bool) or not isinstance(entry["line"], int) or entry["line"] < 1:
            raise InputError(f"勘误的 line 应是正整数（公报文件中的行号），现为“{entry['line']}”", path, line)
        grouped.setdefault(str(entry["issue"]), []).append(entry)
    return grouped


def apply_errata(source: SourceText, entries: list[dict], errata_path: Path) -> list[Erratum]:
    """Replace the printed text by the corrected one, line by line; return what was applied."""
    applied: list[Erratum] = []
    for entry in entries:
        line = int(entry["line"])
        original, corrected = str(entry["original"]), str(entry["corrected"])
        if not 1 <= line <= len(source.lines) or original not in source.lines[line - 1]:
            raise InputError(
                f"{source.path.name} 第 {line} 行的勘误：原文“{original}”不在该行"
                "（公报文本已改动：请更新这条勘误的行号或原文）", errata_path)
        source.lines[line - 1] = source.lines[line - 1].replace(original, corrected, 1)
        applied.append(Erratum(line, original, corrected, str(entry["reason"])))
    return applied
