"""The seed typeset four ways — (a) flush left without indents, justified or ragged right, (b) LibreOffice
from a GB/T 9704-2012 DOCX, (c) indented by reportlab — and on A5 pages in a smaller body imports to the
documents, structure and text it was made from."""

from __future__ import annotations

import re

import pytest
from reportlab.lib.pagesizes import A5

from gazette.model import FindingCode
from tests.pdfimport.roundtrip import FIXTURE_PDFS, HEAD, facts, import_fixture, parse_source, reproduced, warnings
from tests.pdfimport.typeset import typeset
from tests.support import BULLETINS

FURNITURE_RE = re.compile(r"公报\s*\d{4}年第\d+期|^[—\-–]\s*\d+\s*[—\-–]$")
# Share of the source's paragraphs reproduced exactly (measured: flush 99.3 %, ragged 98.4 %, gbt9704
# 99.5 %, indented 99.4 %). Ragged right without indent has no cue at all where a full line ends a
# sentence: the next line may start a paragraph or go on with it (in the seed 10 such breaks
# against 52 sentences that go on), so it is held to less.
EXACT = {"flush": 0.99, "ragged": 0.98, "gbt9704": 0.99, "indented": 0.99}


def test_documents_and_目录(seed_import, seed_source):
    style, trip = seed_import
    imported = trip.imported
    assert len(imported.toc) == len(seed_source.toc) == 26
    assert not [f for f in imported.report.findings if f.code is FindingCode.TOC_ENTRY_NOT_FOUND]
    assert [(d.doc_number, d.title) for d in imported.documents] == \
        [(d.doc_number, d.title) for d in seed_source.documents]
    assert all(d.doc_number for d in imported.documents) and len(imported.documents) == 26
    assert imported.report.coverage == 1.0 and not imported.report.errors, style


def test_structure_and_tasks(seed_import, seed_source):
    _, trip = seed_import
    imported = trip.imported
    articles = [(e.title, len(e.body.articles)) for d in imported.documents for e in d.embedded]
    assert articles == [(e.title, len(e.body.articles)) for d in seed_source.documents for e in d.embedded]
    assert len(articles) == 29
    tasks = [t for d in imported.documents for t in d.all_tasks]
    assert len(tasks) >= 220 and all(t.lead for t in tasks)
    assert [d.date for d in imported.documents] == [d.date for d in seed_source.documents]


def test_every_fact_of_the_documents(seed_import, seed_source):
    """Documents, titles, 文号, issuers, dates, 栏目, articles, tasks with their leads: all as in the text.
    Ragged aside: where a full line ending a task's sentence runs into the next task, two tasks are one."""
    style, trip = seed_import
    ours, theirs = facts(trip.imported), facts(seed_source)
    if style == "ragged":  # everything but the task lists
        ours, theirs = [f[:-1] for f in ours], [f[:-1] for f in theirs]
    assert ours == theirs


def test_warnings_as_for_the_text(seed_import, seed_source):
    _, trip = seed_import
    ours, theirs = warnings(trip.imported), warnings(seed_source)
    assert abs(len(ours) - len(theirs)) <= 0.1 * len(theirs) + 1, "\n".join(f.message for f in ours)


def test_no_running_heads_or_page_numbers_left(seed_import):
    _, trip = seed_import
    text = trip.result.text_file.read_text(encoding="utf-8").split("\n")
    body = text[next(i for i, line in enumerate(text) if line.strip() == "目 录"):]
    assert [line for line in body if FURNITURE_RE.search(line.strip())] == []
    kinds = {r.kind for r in trip.result.extracted.removals}
    assert kinds == {"running-head", "page-number"} and len(trip.result.extracted.printed) > 80


def test_paragraphs_reproduced(seed_import):
    style, trip = seed_import
    same, total, diff = reproduced(trip)
    assert same / total >= EXACT[style], f"{style}: {same}/{total} paragraphs exact\n{diff}"


@pytest.mark.parametrize("style", ["flush", "indented"])
def test_another_page_and_body_size(style, seed_source, tmp_path):
    """The same rules on A5 pages with a 10.5 pt body and narrower margins: a block of 31 characters
    and a fifth instead of 36 and three fifths (measured: flush 99.2 %, indented 99.4 %)."""
    pdf = typeset(seed_source, tmp_path / "seed.pdf", HEAD, style=style, size=10.5, pagesize=A5, margin=40)
    trip = import_fixture(seed_source, pdf, tmp_path / "out")
    imported = trip.imported
    assert len(imported.toc) == 26 and not imported.report.errors
    assert facts(imported) == facts(seed_source)
    ours, theirs = warnings(imported), warnings(seed_source)
    assert abs(len(ours) - len(theirs)) <= 0.1 * len(theirs) + 1
    same, total, diff = reproduced(trip)
    assert same / total >= 0.99, f"{style}: {same}/{total} paragraphs exact\n{diff}"


@pytest.mark.parametrize(("name", "source", "key"), [
    ("yangquan-2020-05-gbt9704.pdf", "yangquan-2020-05.txt", "2020-05"),
    ("xinzhou-2022-03-gbt9704.pdf", "xinzhou-2022-03.txt", "2022-03"),
])
def test_libreoffice_fixtures_of_other_bulletins(name, source, key, registry, tmp_path):
    parsed = parse_source(BULLETINS / source, registry, tmp_path)
    trip = import_fixture(parsed, FIXTURE_PDFS / name, tmp_path / "out")
    assert trip.result.key == key
    imported = trip.imported
    assert [(d.doc_number, d.title, d.issuer, d.date, len(d.all_tasks)) for d in imported.documents] == \
        [(d.doc_number, d.title, d.issuer, d.date, len(d.all_tasks)) for d in parsed.documents]
    same, total, diff = reproduced(trip)
    # xinzhou's text writes one title over two lines; the import gives it as one line with a wrap-space.
    assert same / total >= 0.97, f"{same}/{total}\n{diff}"
    assert not imported.report.errors


def test_fixture_pdfs_are_small():
    sizes = {p.name: p.stat().st_size for p in FIXTURE_PDFS.glob("*.pdf")}
    assert len(sizes) == 3 and sum(sizes.values()) < 3_000_000, sizes
