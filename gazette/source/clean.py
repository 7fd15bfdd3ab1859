"""Characters no writer takes: rejected or removed where text enters (bulletins, YAML, mkdocs.yml).

Control characters other than tab (U+000B, U+001B, NUL …, and the C1 range), lone surrogates
(a YAML "\\ud800" escape makes one) and the noncharacters U+FFFE/U+FFFF, U+FDD0–U+FDEF: lxml
(feeds), XML 1.0 (the XLSX parts) and UTF-8 output refuse them, and no bulletin prints them. A bulletin
line loses them with a finding (gazette.source.reader); a data or configuration value that holds
one is an error naming the file and line (the maintainer typed it).
"""

from __future__ import annotations

import re
from typing import Any

UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def unsafe_characters(text: str) -> list[str]:
    """The unsafe characters of `text` as U+XXXX, each once, in order."""
    seen: list[str] = []
    for match in UNSAFE_RE.finditer(text):
        code = f"U+{ord(match.group()):04X}"
        if code not in seen:
            seen.append(code)
    return seen


def strip_unsafe(text: str) -> str:
    return UNSAFE_RE.sub("", text)


def first_unsafe(value: Any) -> list[str]:
    """The unsafe characters of the first string in `value` (nested lists and mappings, keys too) that has any."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if found := unsafe_characters(item):
                return found
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return []


_UNPRINTABLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """A file name as one printable line: undecodable bytes (surrogate escapes), newlines and
    other controls shown as \\uXXXX, so a hostile name can neither break a line nor the UTF-8 report."""
    return _UNPRINTABLE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
