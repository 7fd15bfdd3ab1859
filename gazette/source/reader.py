"""Read a bulletin file into numbered lines.

Handles UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK (detected), CRLF and
lone CR line ends. Binary junk and undecodable bytes are reported with their line;
the readable lines are kept so that whatever can be parsed still is.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from gazette.errors import InputError, read_failure
from gazette.model import SourcePages
from gazette.source.clean import strip_unsafe, unsafe_characters
from gazette.source.pages import load_sidecar
from gazette.text.chars import is_cjk

# Control characters other than tab are never part of bulletin text.
_ALLOWED_CONTROLS = {"\t"}


@dataclass
class SourceProblem:
    line: int
    message: str
    fatal: bool = True


@dataclass
class SourceText:
    """A decoded bulletin: `lines[i]` is line i+1 of the file, without its line end."""

    path: Path
    lines: list[str]
    encoding: str
    sha256: str
    problems: list[SourceProblem] = field(default_factory=list)
    pages: SourcePages | None = None  # from the import's page sidecar, when there is one
    page_note: str | None = None  # why a sidecar beside the file was not used


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"不是有效的 {name} 文本（{exc.reason}）：请用 UTF-8 重新导出该文件", path, _line_of(data, exc.start)) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"既不是 UTF-8 也不是 GB18030 文本（{utf8_error.reason}）：请用 UTF-8 重新导出该文件", path, _line_of(data, utf8_error.start)
            ) from None
        if _looks_like_chinese(text):
            return text, "gb18030"
        raise InputError(
            f"不是 UTF-8 文本，按 GB18030 解读也不像中文（{utf8_error.reason}）：请用 UTF-8 重新导出该文件", path,
            _line_of(data, utf8_error.start),
        ) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_like_chinese(text: str) -> bool:
    sample = [ch for ch in text[:20000] if not ch.isspace()]
    if not sample:
        return False
    cjk = sum(1 for ch in sample if is_cjk(ch) or "\u3000" <= ch <= "\u303f")  # Han or CJK punctuation
    return cjk / len(sample) > 0.3


def _is_junk(line: str) -> bool:
    """Binary bytes decoded as text: many unprintable characters (a stray control or two is only
    removed, gazette.source.clean)."""
    bad = sum(
        1 for ch in line
        if (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in _ALLOWED_CONTROLS) or ch == "\ufffd"
    )
    return bad >= 3 and bad / len(line) > 0.1


def read_source(path: Path | str) -> SourceText:
    """Read and decode `path`. Raises InputError for files that hold no readable text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件（{read_failure(exc)}）：请检查文件是否存在、是否有读取权限", path) from None
    if not data.strip():
        raise InputError("空文件，没有公报文字：请放入该期公报的全文文本，或删除这个文件", path, 1 if data else None)
    text, encoding = _decode(data, path)
    # splitlines() would also break on \x0b, \x0c, \x1c-\x1e and U+2028; bulletins only use these.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    source = SourceText(path, lines, encoding, hashlib.sha256(data).hexdigest())
    for number, line in enumerate(lines, start=1):
        if "\x00" in line or _is_junk(line):
            source.problems.append(SourceProblem(number, "该行含二进制或控制字符，已跳过：请对照原件检查导出的文本"))
            source.lines[number - 1] = ""
        elif found := unsafe_characters(line):
            source.problems.append(SourceProblem(number, f"该行含控制字符 {'、'.join(found)}，已删除（原件中没有这些字符）", fatal=False))
            source.lines[number - 1] = strip_unsafe(line)
    if not any(line.strip() for line in source.lines):
        raise InputError("没有可读的文字（二进制文件？）：bulletins/ 中只应放公报的纯文本（.txt）", path, 1)
    source.pages, source.page_note = load_sidecar(path, source.sha256, lines)
    return source
