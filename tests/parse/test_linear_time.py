"""Linear-time rules: a line of 100,000 characters costs in proportion to its length.

Budgets are ratios to a normal line measured in the same run, never absolute times: a linear rule
takes about 100 times as long on a line 100 times as long; a rule that backtracks quadratically
(the 目录 page-number rule over 40,000 dot leaders took 85 s) takes thousands of times as long.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from pathlib import Path

import gazette
from gazette.parse.issue import parse_source
from gazette.source.reader import SourceText
from gazette.text.pagemarks import running_head_re
from tests.fixtures.hostile import bulletin_with

LONG = 100_000
# Characters the rules' classes and quantifiers are made of: leaders, spaces, dashes, digits,
# Han, brackets, numerals, punctuation.
FILLERS = (".", " ", "\u3000", "—", "·", "1", "测", "（", "(", "【", "《", "一", "，", "测 .", "1.", "第一条 ", "（一）")
NORMAL = 2_500
PATTERN_RATIO = 500  # 40x longer: linear is ~40x (some 100x on a busy machine), quadratic ~1,600x
PARSE_RATIO = 1000  # a 100,000-character line against a whole normal bulletin


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every regular expression the package compiles at module level (in lists and dicts too)."""
    found: list[tuple[str, re.Pattern[str]]] = [("pagemarks.running_head_re", running_head_re("测试市人民政府公报"))]

    def collect(value: object, name: str) -> None:
        if isinstance(value, re.Pattern):
            found.append((name, value))
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                collect(item, f"{name}[{i}]")
        elif isinstance(value, dict):
            for key, item in value.items():
                collect(item, f"{name}[{key}]")

    for module in pkgutil.walk_packages(gazette.__path__, "gazette."):
        if module.name.endswith("__main__"):
            continue
        for name, value in vars(importlib.import_module(module.name)).items():
            collect(value, f"{module.name}.{name}")
    return found


def _best(function, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def test_every_pattern_is_linear_on_a_long_line():
    """Each rule on a 100,000-character line against the same rule on a 2,500-character one."""
    patterns = _patterns()
    assert len(patterns) > 100  # the collection reaches the rules (lines, 文号, deadlines, 目录 …)
    slow = []
    for name, pattern in patterns:
        for filler in FILLERS:
            normal = (filler * NORMAL)[:NORMAL] + "x"
            long = (filler * LONG)[:LONG] + "x"
            small = max(_best(lambda p=pattern, s=normal: p.search(s), 5), 1e-4)  # below 0.1 ms: noise of a busy machine
            big = _best(lambda p=pattern, s=long: p.search(s), 1)
            if big / small > PATTERN_RATIO:  # measure again before blaming the rule for a busy machine
                big = _best(lambda p=pattern, s=long: p.search(s), 3)
            if big / small > PATTERN_RATIO:
                slow.append((name, filler, round(big / small)))
    assert slow == []


def test_the_old_page_number_rule_is_caught():
    """The measure sees quadratic backtracking: the 目录 rule before it was made linear."""
    old = re.compile(r"[\s.…·。\u2026\t]*[(（]\s*(\d{1,4})\s*[)）]\s*$")
    small = max(_best(lambda: old.search("." * 1000 + "x"), 5), 5e-6)
    big = _best(lambda: old.search("." * 20_000 + "x"), 1)  # 20,000 leaders are enough (and quick) to show it
    # 20 times the text: linear time gives about 20 times the time, quadratic about 400 (seen 398 on a busy
    # machine, so 400 itself was a coin toss); 100 tells the two apart with room either side.
    assert big / small > 5 * 20


def test_parsing_a_bulletin_with_one_huge_line_is_linear(registry):
    lines = bulletin_with().text.split("\n")
    toc = next(i for i, line in enumerate(lines) if line.startswith("测试市人民政府关于王勇"))
    body = next(i for i, line in enumerate(lines) if line.startswith("第三条"))

    def parse(extra: str, at: int) -> float:
        text = [*lines[:at], extra, *lines[at:]]
        return _best(lambda: parse_source(SourceText(Path("2021-01.txt"), list(text), "utf-8", "0"), registry), 2)

    normal = parse("测试" * 50, body)
    hostile = {"目录 dot leaders": "关于" + "." * LONG, "Han": "测" * LONG, "spaces": "测 " * (LONG // 2),
               "dashes": "—" * LONG, "clauses": "第一条 " + "（一）" * (LONG // 3), "deadlines": "2021年底前" * (LONG // 7),
               "units": "（牵头单位：市" + "局、" * (LONG // 2) + "）", "titles": "《" * LONG, "brackets": "(" * LONG,
               "cited titles": "《某市甲办法》、" * (LONG // 8), "文号": "阳政发〔2020〕1号、" * (LONG // 12),
               "titles with 文号": "《某市甲办法》（阳政发〔2020〕1号）" * (LONG // 20),
               "repealed titles": "废止《某市甲办法》、" * (LONG // 10)}
    slow = {}
    for name, line in hostile.items():
        for where, at in (("目录", toc), ("正文", body)):
            ratio = parse(line, at) / normal
            if ratio > PARSE_RATIO:
                slow[f"{name} in {where}"] = round(ratio)
    assert slow == {}


def test_appointments_in_one_huge_line_are_linear():
    from gazette.model import Paragraph
    from gazette.parse.personnel import extract_appointments

    item = "任命李四为阳泉市水利局副局长，免去其阳泉市农业局局长职务，免去张三阳泉市交通局副局长职务，"

    def run(count: int) -> float:
        line = Paragraph(item * count, [1])
        return _best(lambda: extract_appointments([line], "d"), 2)

    small, big = run(NORMAL // len(item)), run(LONG // len(item))
    assert big / small < PATTERN_RATIO  # 40× the text: linear ~40×, the overlap scan it replaced ~1,600×
