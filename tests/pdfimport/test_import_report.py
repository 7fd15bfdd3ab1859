"""The import report: 目录 entries not found shown with the nearest body line as printed, every error
listed, 文号 already in another issue, errata as the way to correct, Chinese only; an issue imported
before is refused before its PDF is read."""

from __future__ import annotations

import io
import re

import pytest

import gazette.pdfimport.importer as importer
from gazette.cli import main
from gazette.parse.loader import parse_file
from gazette.pdfimport.importer import ImportResult, import_pdf, print_report
from tests.pdfimport.typeset import typeset
from tests.support import BULLETINS

ENGLISH_RE = re.compile(r"\b(?:error|warning|entries|entry|found|missing|pages?|ignored)\b", re.IGNORECASE)


@pytest.fixture
def datong(tmp_path, registry):
    parsed = parse_file(BULLETINS / "datong-2020-06.txt", registry)
    pdf = typeset(parsed, tmp_path / "大同 2020年第6期.pdf", "大同市人民政府公报 2020年第6期")
    return pdf, tmp_path / "bulletins"


def report(result: ImportResult) -> str:
    out = io.StringIO()
    print_report(result, out)
    return out.getvalue()


def test_an_issue_imported_before_is_refused_before_the_pdf_is_read(datong, capsys, monkeypatch):
    pdf, bulletins = datong
    assert main(["import", str(pdf), "--bulletins", str(bulletins)]) == 0
    capsys.readouterr()

    def unread(path):
        raise AssertionError("the whole PDF was read")

    monkeypatch.setattr(importer, "extract_pdf", unread)
    assert main(["import", str(pdf), "--bulletins", str(bulletins)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and "已存在" in err and "--force" in err and len(err.splitlines()) == 1


def test_a_目录_entry_not_found_is_shown_with_the_nearest_line_as_printed(datong, registry):
    pdf, bulletins = datong
    result = import_pdf(pdf, bulletins)
    # What a bad join does: a title run into its 文号 line, a space inside the year.
    second = result.parsed.documents[1]
    lines = result.text_file.read_text(encoding="utf-8").split("\n")
    title = second.title_lines[-1]
    broken = lines[title - 1] + " " + lines[second.doc_number_line - 1].replace("2020", "20 20", 1)
    lines[title - 1], lines[second.doc_number_line - 1] = broken, ""
    result.text_file.write_text("\n".join(lines), encoding="utf-8")
    result.parsed = parse_file(result.text_file, registry)
    out = report(result)
    assert "1 件在正文中没有找到" in out, out
    assert f"{second.doc_number}：最接近的正文是第 {title} 行“{broken.strip().replace(' ', '␣')[:80]}”" in out, out
    listed = re.search(r"(\d+) 个错误", out)
    assert listed and len(result.parsed.report.errors) == int(listed.group(1))
    assert len(re.findall(r"^ {7}第 \d+ 行：", out, re.MULTILINE)) == int(listed.group(1))


def test_文号_of_another_issue_are_reported_at_import(datong):
    pdf, bulletins = datong
    import_pdf(pdf, bulletins)
    again = import_pdf(pdf, bulletins, key="2020-07")
    out = report(again)
    numbers = [d.doc_number for d in again.parsed.documents if d.doc_number]
    assert f"{len(numbers)} 个文号已在别的期中出现" in out
    assert all(f"{n}（本期第 " in out and "已在 2020-06.txt 第 " in out for n in numbers)


def test_the_report_names_errata_as_the_way_to_correct_and_is_chinese(datong):
    pdf, bulletins = datong
    out = report(import_pdf(pdf, bulletins))
    assert "errata.yaml 中加一条勘误" in out and "- issue: 2020-06" in out and re.search(r"  line: \d+", out)
    assert "不要直接改 2020-06.txt" in out
    prose = re.sub(r"(?m)^\s*(?:-\s)?(?:issue|line|original|corrected|reason): .*$", "", out)
    prose = re.sub(r"[^\s、：“”（）]+\.(?:pages\.json|txt|pdf|yaml)", "", prose)  # file names
    assert not ENGLISH_RE.search(prose), ENGLISH_RE.findall(prose)
