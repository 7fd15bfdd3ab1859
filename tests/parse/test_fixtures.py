"""Bulletins of other issues and other cities parse without code changes (expected facts in YAML)."""

from __future__ import annotations

import pytest
import yaml

from gazette.parse.loader import parse_file
from tests.support import BULLETINS

FIXTURES = sorted(p for p in BULLETINS.glob("*.txt") if p.with_suffix("").with_suffix(".expected.yaml").exists())


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_matches_expected_facts(path, registry):
    expected = yaml.safe_load(path.with_suffix("").with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    parsed = parse_file(path, registry)
    issue = expected["issue"]
    assert (parsed.issue.title, parsed.issue.year, parsed.issue.number, parsed.issue.total_number) == (
        issue["title"], issue["year"], issue["number"], issue["total_number"])
    assert (parsed.issue.publisher, parsed.issue.frequency) == (issue["publisher"], issue["frequency"])
    assert str(parsed.issue.date) == str(issue["date"])
    assert len(parsed.documents) == len(expected["documents"])
    for document, want in zip(parsed.documents, expected["documents"], strict=True):
        assert (document.doc_number, document.title, document.issuer, document.category, document.page) == (
            want["doc_number"], want["title"], want["issuer"], want["category"], want["page"])
        assert str(document.date) == str(want["date"])
        assert [(e.title, len(e.body.chapters), len(e.body.articles)) for e in document.embedded] == [
            (e["title"], e["chapters"], e["articles"]) for e in want.get("embedded") or []]
        assert len(document.all_tasks) == want["tasks"], document.doc_number
        assert len({a.person for a in document.appointments}) == want["appointments"], document.doc_number
        citations = document.citations + [c for e in document.embedded for c in e.citations]
        cited = {c.key for c in citations if c.kind == "文号" and c.key != document.doc_number}
        assert cited == set(want["cites"]), document.doc_number
        assert {c.key for c in citations if c.kind == "文号" and c.repeals} == set(want["repeals"])
        revised = {c.key for c in citations if c.revises}
        assert set(want.get("revises") or []) <= revised
    assert parsed.report.coverage == 1.0
    assert not parsed.report.errors


def test_other_city_units_are_reported_not_dropped(registry):
    parsed = parse_file(BULLETINS / "datong-2020-06.txt", registry)
    unknown = [f for f in parsed.report.findings if f.code == "unknown-unit"]
    assert unknown and all(f.line for f in unknown)
    raws = {r.raw for d in parsed.documents for t in d.all_tasks for r in t.lead + t.co + t.implementing}
    assert {f.message.split("：", 1)[1] for f in unknown} <= raws
