"""A maintainer edits the .txt of an imported issue: its lines keep their pages by a text diff."""

from __future__ import annotations

import json
import shutil

from gazette.parse.loader import parse_file
from gazette.pdfimport.importer import import_pdf
from gazette.source.reader import read_source
from tests.pdfimport.typeset import typeset
from tests.support import BULLETINS, REPO


def imported(tmp_path, registry):
    parsed = parse_file(BULLETINS / "yangquan-2020-05.txt", registry, errata_file=tmp_path / "none.yaml")
    pdf = typeset(parsed, tmp_path / "in.pdf", "阳泉市人民政府公报 2020年第5期")
    bulletins = tmp_path / "bulletins"
    bulletins.mkdir()
    shutil.copyfile(REPO / "bulletins" / "units.yaml", bulletins / "units.yaml")
    return import_pdf(pdf, bulletins)


def test_editing_one_line_keeps_the_pages_of_every_other_line(tmp_path, registry):
    result = imported(tmp_path, registry)
    before = read_source(result.text_file).pages
    assert before is not None
    lines = result.text_file.read_text(encoding="utf-8").split("\n")
    edited = next(i for i, line in enumerate(lines) if "采购" in line and len(line) > 40)
    lines[edited] = lines[edited].replace("采购", "采买", 1)
    result.text_file.write_text("\n".join(lines), encoding="utf-8")
    source = read_source(result.text_file)
    assert source.pages is not None and source.page_note is not None
    assert "0 行失去页码" in source.page_note and "errata.yaml" in source.page_note
    others = [i for i in range(len(lines) - 1) if i != edited]
    assert [source.pages.pdf_pages[i] for i in others] == [before.pdf_pages[i] for i in others]
    assert [source.pages.printed_pages[i] for i in others] == [before.printed_pages[i] for i in others]
    # The edited line stands between two unchanged lines of one page: it is on that page.
    assert source.pages.pdf_pages[edited] == before.pdf_pages[edited]


def test_a_line_added_at_a_page_break_loses_its_page_and_the_report_says_so(tmp_path, registry):
    result = imported(tmp_path, registry)
    before = read_source(result.text_file).pages
    lines = result.text_file.read_text(encoding="utf-8").split("\n")[:-1]
    at = next(i for i in range(1, len(lines)) if before.pdf_pages[i] != before.pdf_pages[i - 1])
    lines[at:at] = ["维护人员补录的一段文字。", ""]
    result.text_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = read_source(result.text_file)
    assert source.pages.pdf_pages[at] is None
    assert source.pages.pdf_pages[at + 2:] == before.pdf_pages[at:]
    assert "1 行失去页码" in source.page_note
    parsed = parse_file(result.text_file, registry)
    assert [f.message for f in parsed.report.findings if f.code == "pages-ignored"] == [source.page_note]
    assert all(d.pdf_page is not None for d in parsed.documents)


def test_the_sidecar_keeps_a_hash_of_every_line(tmp_path, registry):
    result = imported(tmp_path, registry)
    sidecar = json.loads(result.sidecar.read_text(encoding="utf-8"))
    text = result.text_file.read_text(encoding="utf-8").split("\n")[:-1]
    assert len(sidecar["line_hashes"]) == len(sidecar["lines"]) == len(text)
