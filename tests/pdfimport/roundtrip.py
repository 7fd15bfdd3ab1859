"""Helpers for the import's round trips: what a fixture PDF must give back of the text it was made from."""

from __future__ import annotations

import difflib
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from gazette.model import FindingCode, ParsedIssue, Severity
from gazette.parse.loader import parse_file
from gazette.pdfimport.importer import ImportResult, import_pdf
from tests.pdfimport.typeset import typeset
from tests.support import REPO

FIXTURE_PDFS = REPO / "tests" / "fixtures" / "pdf"
HEAD = "阳泉市人民政府公报 2020年第4期"  # the seed's running head


@dataclass
class RoundTrip:
    source: ParsedIssue  # the text file the PDF was made from, parsed
    result: ImportResult  # the PDF imported
    seconds: float  # how long the import took

    @property
    def imported(self) -> ParsedIssue:
        return self.result.parsed


def import_fixture(source: ParsedIssue, pdf: Path, work: Path, key: str | None = None) -> RoundTrip:
    bulletins = work / "bulletins"
    bulletins.mkdir(parents=True)
    shutil.copyfile(REPO / "bulletins" / "units.yaml", bulletins / "units.yaml")
    started = time.perf_counter()
    result = import_pdf(pdf, bulletins, key=key)
    return RoundTrip(source, result, time.perf_counter() - started)


def parse_source(path: Path, registry, work: Path) -> ParsedIssue:
    """The text as typeset: without the project's errata (the PDF shows the printed text)."""
    return parse_file(path, registry, errata_file=work / "no-errata.yaml")


def paragraphs(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


def reproduced(trip: RoundTrip) -> tuple[int, int, str]:
    """(source paragraphs reproduced exactly, source paragraphs, a diff of the others)."""
    source = paragraphs(trip.source.lines)
    imported = paragraphs(trip.result.text_file.read_text(encoding="utf-8").split("\n"))
    matcher = difflib.SequenceMatcher(None, source, imported, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    diff = "\n".join(difflib.unified_diff(source, imported, "text", "imported", lineterm="", n=0))
    return same, len(source), diff


def warnings(parsed: ParsedIssue) -> list:
    """Warnings that say something about the text. A 目录 page against the page the PDF prints the
    document on is left out: a fixture PDF paginates differently from the original the 目录 was made for."""
    return [f for f in parsed.report.findings if f.severity is not Severity.ERROR
            and f.code not in (FindingCode.UNKNOWN_UNIT, FindingCode.TOC_PAGE_MISMATCH)]


def facts(parsed: ParsedIssue) -> list:
    """What an import must keep: documents, titles, 文号, issuers, dates, articles, tasks with their leads."""
    return [(d.doc_number, d.title, d.issuer, str(d.date), d.category,
             [(e.title, len(e.body.chapters), len(e.body.articles)) for e in d.embedded],
             [(t.label, [u.canonical for u in t.lead]) for t in d.all_tasks])
            for d in parsed.documents]


def round_trip(source: Path, tmp_path: Path, registry) -> tuple[ParsedIssue, ImportResult]:
    """Typeset a bulletin with reportlab (tests/pdfimport/typeset.py), import the PDF: (source, result)."""
    parsed = parse_file(source, registry, errata_file=tmp_path / "no-errata.yaml")
    head = f"{parsed.issue.title} {parsed.issue.year}年第{parsed.issue.number}期"
    pdf = typeset(parsed, tmp_path / "issue.pdf", head)
    bulletins = tmp_path / "bulletins"
    bulletins.mkdir()
    shutil.copyfile(REPO / "bulletins" / "units.yaml", bulletins / "units.yaml")
    return parsed, import_pdf(pdf, bulletins)
