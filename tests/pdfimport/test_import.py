"""`python -m gazette import FILE.pdf`: typeset bulletins with reportlab, import them, compare with the text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from gazette.cli import main
from gazette.export import issue_json
from gazette.parse.loader import parse_file
from gazette.parse.validate import document_blocks
from gazette.pdfimport.extract import extract_pdf
from gazette.pdfimport.importer import import_pdf
from tests.pdfimport.roundtrip import round_trip
from tests.pdfimport.typeset import typeset
from tests.support import BULLETINS

HEAD_RE = re.compile(r"公报\s*\d{4}年第\d+期")
PAGE_NUMBER_RE = re.compile(r"—\s*\d+\s*—")


def facts(parsed):
    """What the import must keep: documents, titles, 文号, issuers, dates, articles, tasks with their leads."""
    return [(d.doc_number, d.title, d.issuer, str(d.date), d.category,
             [(e.title, len(e.body.chapters), len(e.body.articles)) for e in d.embedded],
             [(t.label, [u.canonical for u in t.lead]) for t in d.all_tasks])
            for d in parsed.documents]


def document_texts(parsed):
    for document in parsed.documents:
        yield document.title
        for block in document_blocks(document):
            yield from (getattr(block, "text", None) or "\t".join("\t".join(r) for r in block.rows),)


def test_small_bulletin_round_trip(tmp_path, registry):
    source = BULLETINS / "yangquan-2020-05.txt"
    parsed, result = round_trip(source, tmp_path, registry)
    imported = result.parsed
    assert result.key == "2020-05"
    assert result.text_file.name == "2020-05.txt" and result.pdf_file.read_bytes()[:5] == b"%PDF-"
    assert facts(imported) == facts(parsed)
    assert sum(len(d.all_tasks) for d in imported.documents) > 0
    assert imported.report.coverage == 1.0 and not imported.report.errors
    # Every page of the documents had a head and a number: both removed, each one recorded.
    extracted = result.extracted
    body_pages = sorted(extracted.printed)
    assert len(body_pages) >= 3
    removed = {(r.pdf_page, r.kind) for r in extracted.removals}
    assert removed == {(p, k) for p in body_pages for k in ("running-head", "page-number")}
    sidecar = json.loads(result.sidecar.read_text(encoding="utf-8"))
    assert len(sidecar["removed"]) == len(extracted.removals) == 2 * len(body_pages)
    assert not any(HEAD_RE.search(t) or PAGE_NUMBER_RE.search(t) for t in document_texts(imported))
    # The text file is the plain text; the pages are in the sidecar, one per line.
    text_lines = result.text_file.read_text(encoding="utf-8").split("\n")[:-1]
    assert len(sidecar["lines"]) == len(text_lines) and sidecar["pdf"] == "2020-05.pdf"
    # 页码 is the printed page the document starts on, and the PDF page is kept for the link.
    for document in imported.documents:
        assert document.pdf_page is not None
        assert document.page == extracted.printed[document.pdf_page]
        assert squash_title(document.title) in squash_title(page_text(result.pdf_file, document.pdf_page))
    assert imported.documents[0].page == 1
    exported = issue_json(imported)
    assert exported["source"]["pdf"] == "2020-05.pdf"
    assert [d["pdf_page"] for d in exported["documents"]] == [d.pdf_page for d in imported.documents]


def squash_title(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_text(pdf: Path, number: int) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return document.pages[number - 1].extract_text()


def test_cli_import_prints_the_report_and_refuses_to_overwrite(tmp_path, registry, capsys):
    parsed = parse_file(BULLETINS / "datong-2020-06.txt", registry)
    pdf = typeset(parsed, tmp_path / "大同 2020年第6期.pdf", "大同市人民政府公报 2020年第6期")
    bulletins = tmp_path / "bulletins"
    assert main(["import", str(pdf), "--bulletins", str(bulletins)]) == 0
    out = capsys.readouterr().out
    assert "2020年第6期" in out and "目录 4 条，正文找到文件 4 件" in out
    assert re.search(r"页眉“大同市人民政府公报 2020年第6期”：PDF 第 \d+–\d+ 页，共 \d+ 处", out)
    assert "请检查" in out
    assert (bulletins / "2020-06.txt").exists() and (bulletins / "2020-06.pdf").exists()
    assert main(["import", str(pdf), "--bulletins", str(bulletins)]) == 2
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err and "Traceback" not in err
    before = {p.name: p.read_bytes() for p in bulletins.glob("2020-06.*")}
    assert main(["import", str(pdf), "--bulletins", str(bulletins), "--force"]) == 0
    assert {p.name: p.read_bytes() for p in bulletins.glob("2020-06.*")} == before  # deterministic
    assert sorted(before) == ["2020-06.pages.json", "2020-06.pdf", "2020-06.txt"]


def test_scanned_pdf_gets_one_clear_line(tmp_path, capsys):
    scanned = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(scanned), pagesize=A4)
    page.rect(100, 100, 300, 500, fill=1)  # a picture, no text layer
    page.showPage()
    page.save()
    assert main(["import", str(scanned), "--bulletins", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "扫描件" in err and "OCR" in err and str(scanned) in err
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize("content", [b"not a pdf at all", b"%PDF-1.4\n%broken"])
def test_a_file_that_is_not_a_pdf(tmp_path, capsys, content):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    assert main(["import", str(bad), "--bulletins", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "PDF" in err and "Traceback" not in err


def test_cover_without_issue_number_needs_key(tmp_path, capsys):
    pdf = tmp_path / "nocover.pdf"
    page = canvas.Canvas(str(pdf), pagesize=A4)
    from tests.pdfimport.typeset import FONT, register_font

    register_font()
    page.setFont(FONT, 12)
    page.drawString(72, 700, "某市人民政府公报")
    page.showPage()
    page.save()
    assert main(["import", str(pdf), "--bulletins", str(tmp_path / "b")]) == 2
    assert "--key" in capsys.readouterr().err
    assert main(["import", str(pdf), "--bulletins", str(tmp_path / "b"), "--key", "2022-1"]) == 2


def test_paragraphs_wrapped_by_the_typesetter_are_joined(tmp_path, registry):
    parsed = parse_file(BULLETINS / "jinzhong-2021-02.txt", registry)
    pdf = typeset(parsed, tmp_path / "j.pdf", "晋中市人民政府公报 2021年第2期")
    extracted = extract_pdf(pdf)
    source = {line.strip() for line in parsed.lines if len(line.strip()) > 60 and "\t" not in line}
    texts = {line.text for line in extracted.lines}
    assert source and len(source & texts) / len(source) > 0.9
    assert any(line.joined >= 3 for line in extracted.lines)


def test_built_site_links_each_document_to_its_page_of_the_pdf(project, registry):
    parsed = parse_file(BULLETINS / "yangquan-2020-05.txt", registry)
    pdf = typeset(parsed, project.root / "in.pdf", "阳泉市人民政府公报 2020年第5期")
    result = import_pdf(pdf, project.bulletins)
    assert project.build() == 0, project.log
    published = project.site / "2020" / "05" / "2020-05.pdf"
    with pikepdf.open(published) as copy, pikepdf.open(pdf) as original:  # sanitised (gazette.pdfimport.safety)
        assert len(copy.pages) == len(original.pages) and "/OpenAction" not in copy.Root
    document = result.parsed.documents[1]
    folder = next(p.parent for p in (project.site / "2020" / "05").glob("*/index.html")
                  if document.doc_number in p.read_text(encoding="utf-8"))
    html = (folder / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="([^"]+)" class="gz-original">查看原件第 (\d+) 页</a>', html)
    assert link, "no 查看原件 link"
    href, shown = link.groups()
    assert int(shown) == document.page
    target, _, fragment = href.partition("#")
    assert (folder / target).resolve() == published.resolve() and fragment == f"page={document.pdf_page}"
    # Without the PDF beside the text the pages are unknown: no link, one warning saying why.
    result.pdf_file.unlink()
    assert project.build() == 0, project.log
    html = next(p for p in (project.site / "2020" / "05").glob("*/index.html")).read_text(encoding="utf-8")
    assert "查看原件" not in html and not published.exists()
    assert "原件 2020-05.pdf 不在文本旁边" in project.log


def test_layouts_fixture_round_trip(tmp_path, registry):
    """Titles over three lines, 文号 above the title, joint issuers, 令 and 公告, a 目录 over two pages."""
    parsed, result = round_trip(BULLETINS / "xinzhou-2022-03.txt", tmp_path, registry)
    assert result.key == "2022-03"
    assert facts(result.parsed) == facts(parsed)
    assert [d.issuer for d in result.parsed.documents][-1] == "中共忻州市委办公室、忻州市人民政府办公室"
    assert not result.parsed.report.errors


def test_only_page_edge_furniture_is_removed(tmp_path):
    """A table cell '1' under the running head is text; heads with the number in them give the page."""
    from tests.pdfimport.typeset import FONT, register_font

    register_font()
    pdf = tmp_path / "edges.pdf"
    page = canvas.Canvas(str(pdf), pagesize=A4)
    for number in range(1, 5):
        page.setFont(FONT, 9)
        page.drawString(72, A4[1] - 40, f"某市人民政府公报 2022年第1期 · {number + 10} ·" if number % 2 else "政府文件")
        page.setFont(FONT, 12)
        first = "1" if number == 3 else ["通知如下：", "一、总体要求", "", "二、工作任务"][number - 1]
        page.drawString(72, A4[1] - 70, first)
        page.drawString(96, A4[1] - 200, f"第{number}页的正文，印在版心的中间。")
        page.setFont(FONT, 9)
        page.drawCentredString(A4[0] / 2, 30, f"- {number + 10} -")
        page.showPage()
    page.save()
    extracted = extract_pdf(pdf)
    assert extracted.printed == {1: 11, 2: 12, 3: 13, 4: 14}
    texts = [line.text for line in extracted.lines]
    assert "1" in texts and "二、工作任务" in texts and "通知如下：" in texts
    assert not any("公报" in t or t.startswith("-") or t == "政府文件" for t in texts)
    assert sorted((r.pdf_page, r.kind) for r in extracted.removals) == sorted(
        [(p, "page-number") for p in range(1, 5)] + [(p, "running-head") for p in range(1, 5)])
    assert [line.printed_page for line in extracted.lines if line.text == "1"] == [13]


def test_indent_typed_as_ideographic_spaces_starts_a_paragraph(tmp_path):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from tests.pdfimport.typeset import FONT, register_font

    register_font()
    style = ParagraphStyle("flat", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
    paragraphs = [
        "为进一步规范行政决策程序，健全科学、民主、依法决策机制，提高决策质量和效率，根据有关规定，结合本市实际，制定本规定。" * 2,
        "各县（区）人民政府要加强组织领导，明确责任分工，细化工作措施，确保各项任务按期完成，并将落实情况及时报送市人民政府。" * 2,
        "本规定自发布之日起施行。",
    ]
    pdf = tmp_path / "spaces.pdf"
    SimpleDocTemplate(str(pdf)).build([Paragraph("\u3000\u3000" + p, style) for p in paragraphs])
    assert [line.text for line in extract_pdf(pdf).lines] == paragraphs
