"""Findings are typed: a code and a severity from the model's enums, and the subject they are about."""

from __future__ import annotations

from pathlib import Path

from gazette.build.advice import ADVICE, advice_for
from gazette.build.report import IssueReport
from gazette.model import Finding, FindingCode, Severity
from gazette.parse.loader import parse_file

BULLETINS = Path(__file__).resolve().parent.parent / "fixtures" / "bulletins"


def test_seed_findings_carry_enum_codes_and_severities(seed):
    assert seed.report.findings
    for finding in seed.report.findings:
        assert isinstance(finding.code, FindingCode)
        assert isinstance(finding.severity, Severity)


def test_unknown_units_carry_the_printed_name_as_subject(registry):
    parsed = parse_file(BULLETINS / "jinzhong-2021-02.txt", registry)
    unknown = [f for f in parsed.report.findings if f.code is FindingCode.UNKNOWN_UNIT]
    assert len(unknown) == 3
    for finding in unknown:
        assert finding.subject and finding.message.endswith(finding.subject)


def test_report_takes_unit_names_from_subject_not_from_the_message(seed):
    seed_copy = type(seed)(**{**vars(seed)})
    odd = Finding(FindingCode.UNKNOWN_UNIT, "不在单位名录中：甲局: 乙处", 3, subject="甲局: 乙处")
    seed_copy.report = type(seed.report)(findings=[odd, odd])
    report = IssueReport.from_parsed(seed_copy, "bulletins/x.txt")
    assert report.unknown_units == ["甲局: 乙处"]  # splitting the message would give '乙处'
    assert report.errors == [] and report.warnings == []


def test_advice_is_keyed_by_code_and_falls_back_by_name():
    assert advice_for(FindingCode.TRUNCATED) is ADVICE[FindingCode.TRUNCATED]
    assert "toc-page-mismatch" in advice_for(FindingCode.TOC_PAGE_MISMATCH).name
