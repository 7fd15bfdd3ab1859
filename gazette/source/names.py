"""Issue keys come from file names, and only from strict ones: `YYYY-NN.txt` (2020-04.txt).

Every path of the site is built from an issue key (gazette.link.ids.issue_path), so a name such as
`..-...txt` or `2020第6期.txt` must stop the build with one line naming the file and the name it
should have, never be taken apart by a lenient rule.
"""

from __future__ import annotations

import re
from pathlib import Path

from gazette.errors import InputError
from gazette.source.clean import printable
from gazette.text.dates import year_in_range

KEY_RE = re.compile(r"(?P<year>\d{4})-(?P<number>\d{2,3})")  # 2020-04; a number of three digits for weeklies
EXPECTED = "年-期号.txt（四位年份、两位期号，如 2020-04.txt）"


def issue_key(path: Path) -> str:
    """The issue key of a bulletin file, or InputError naming the file and the expected name."""
    match = KEY_RE.fullmatch(path.stem) if path.suffix == ".txt" else None
    if match is None or not year_in_range(int(match["year"])) or int(match["number"]) == 0:
        raise InputError(f"文件名“{printable(path.name)}”不是期号：应为 {EXPECTED}，请改名后重新构建",
                         printable(str(path.parent)))
    return path.stem


def is_issue_key(key: str) -> bool:
    return KEY_RE.fullmatch(key) is not None
