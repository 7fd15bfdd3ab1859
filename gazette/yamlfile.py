"""Reading the maintainer's YAML files (units.yaml, errata.yaml, mkdocs.yml): every problem is
one Chinese line naming the file and line, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from gazette.errors import InputError
from gazette.source.clean import first_unsafe


def yaml_error(exc: yaml.YAMLError, path: Path, what: str) -> InputError:
    """One line for a YAML syntax error: where it is and what the parser expected."""
    mark = getattr(exc, "problem_mark", None)
    problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
    line = mark.line + 1 if mark is not None else None
    column = f"第 {mark.column + 1} 列：" if mark is not None else ""
    return InputError(f"{what}不是有效的 YAML（{column}{problem}），请按 YAML 语法改正后重新构建", path, line)


def load_yaml_list(path: Path, what: str) -> list[tuple[int, Any]]:
    """The entries of a file that holds a YAML list, each with the line it starts on."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取{what}：{exc.__class__.__name__}，请检查文件是否存在且为 UTF-8 编码", path) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, what) from None
    if data is None:
        return []
    if not isinstance(data, list) or node is None or not isinstance(node, yaml.SequenceNode):
        raise InputError(f"{what}应是一个 YAML 列表（每项以“- ”开头）", path, 1)
    entries = [(item.start_mark.line + 1, value) for item, value in zip(node.value, data, strict=True)]
    for line, value in entries:
        if found := first_unsafe(value):
            raise InputError(f"{what}中有控制字符或无效字符 {'、'.join(found)}（多半来自 \\x、\\u 转义）：请删除后重新构建",
                             path, line)
    return entries
