"""`python -m gazette parse`: summary, JSON schema, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support import BULLETINS, REPO, SEED


def run(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gazette", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_parse_prints_summary_and_writes_json(tmp_path):
    out = tmp_path / "model.json"
    result = run("parse", str(SEED), "--json", str(out))
    assert result.returncode == 0, result.stderr
    assert "文件 26 份；所附文件 29 份" in result.stdout
    assert "正文覆盖率 100.00%" in result.stdout
    mismatch = next(line for line in result.stdout.splitlines() if "toc-title-mismatch" in line)
    assert mismatch.lstrip().startswith(f"提示：{SEED}:")  # warnings are listed with file:line
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["issue"]["year"] == 2020 and data["issue"]["number"] == 4
    first = data["documents"][0]
    assert set(first) >= {"doc_number", "title", "issuer", "date", "category", "page", "embedded", "tasks"}
    assert data["documents"][21]["doc_number"] == "阳政办发〔2020〕88号"
    procedure = data["documents"][1]["embedded"][0]
    assert procedure["title"] == "阳泉市重大行政决策程序规定"
    assert procedure["articles"][16] == {"number": 17, "label": "第十七条", "anchor": "art-17", "line": 212}
    tasks = [t for d in data["documents"] for t in d["tasks"]]
    assert len(tasks) >= 200 and all(t["lead"] for t in tasks) and all("co" in t for t in tasks)
    assert data["report"]["coverage"] == 1.0 and data["report"]["warnings"]


def _one_line_error(result: subprocess.CompletedProcess, path) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert str(path) in lines[0]
    return lines[0]


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    assert "empty" in _one_line_error(run("parse", str(path)), path)


def test_missing_file(tmp_path):
    _one_line_error(run("parse", str(tmp_path / "nope.txt")), tmp_path / "nope.txt")


def test_truncated_file_keeps_what_was_parsed(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "2020-04.txt"
    path.write_text("\n".join(lines[:2430]), encoding="utf-8")  # stops inside 阳政办发〔2020〕79号
    out = tmp_path / "partial.json"
    message = _one_line_error(run("parse", str(path), "--json", str(out)), path)
    assert ":" in message.split(str(path), 1)[1]  # names a line
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 14  # everything up to the cut is kept
    assert any(e["code"] in ("truncated", "toc-entry-not-found") for e in data["report"]["errors"])


def test_no_toc_falls_back_to_the_body_with_a_warning(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.replace(" ", "") == "目录")
    body = next(i for i, line in enumerate(lines) if line.startswith("阳泉市人民政府 关于向阳泉"))
    path = tmp_path / "2020-04.txt"
    path.write_text("\n".join(lines[:start] + lines[body:]), encoding="utf-8")
    out = tmp_path / "m.json"
    result = run("parse", str(path), "--json", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 26
    assert any(w["code"] == "no-toc" for w in data["report"]["warnings"])


def test_duplicate_doc_number_is_an_error(tmp_path):
    text = (BULLETINS / "datong-2020-06.txt").read_text(encoding="utf-8")
    text = text.replace("同政办发〔2020〕 88 号", "同政发〔2020〕41号")
    path = tmp_path / "dup.txt"
    path.write_text(text, encoding="utf-8")
    message = _one_line_error(run("parse", str(path)), path)
    assert "同政发〔2020〕41号" in message and "出现两次" in message


@pytest.mark.parametrize("command", ["parse", "build", "search", "import", "new"])
def test_readme_documents_every_command_and_option(command):
    """Like sqlite-utils: the README covers every CLI command and each of its options."""
    from gazette.cli import build_parser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"python -m gazette {command}" in readme
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]  # noqa: SLF001
    for action in sub._actions:  # noqa: SLF001
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in readme, f"README does not document {command} {option}"


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_help_text_is_chinese():
    """Maintainers read --help: every command, option and argparse's own headings speak Chinese."""
    from gazette.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0]  # noqa: SLF001
    for choice in commands._choices_actions:  # noqa: SLF001
        assert _cjk(choice.help), choice.dest
    for name, sub in commands.choices.items():
        for action in sub._actions:  # noqa: SLF001
            assert action.help and _cjk(action.help), f"{name} {action.option_strings or action.dest}"
        text = sub.format_help()
        assert text.startswith("用法：") and "选项" in text, name
        assert not [english for english in ("usage:", "options:", "positional arguments", "show this help")
                    if english in text], name


@pytest.mark.parametrize(("args", "names"), [
    (["build", "--segment-issues", "0"], "--segment-issues"),
    (["search", "税", "--k", "x"], "--k"),
    (["parse"], "file"),
    (["no-such-command"], "no-such-command"),
    (["build", "--no-such-option"], "--no-such-option"),
])
def test_usage_errors_are_one_chinese_line(args, names):
    result = run(*args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith(" ")]
    assert lines[0].startswith("用法：") and len(lines) == 2, result.stderr
    assert lines[1].startswith("错误：") and names in lines[1]
    assert _cjk(lines[1].removeprefix("错误：").replace(names, "")), lines[1]  # the cause is Chinese too
