"""Converter leftovers: form-control markup in the text becomes the printed symbol, reported, the
original kept as a note; nothing of it becomes markup."""

from __future__ import annotations

import copy

from gazette.model import FindingCode
from gazette.parse.leftovers import normalise_leftovers, symbol_for
from tests.support import REPO


def test_form_controls_become_their_printed_symbols():
    assert symbol_for('<input type="checkbox"/>') == "☐"
    assert symbol_for("<INPUT TYPE='checkbox' checked>") == "☑"
    assert symbol_for('<input checked="checked" type=checkbox />') == "☑"
    assert symbol_for('<input type="radio">') == "○" and symbol_for('<input type="radio" checked/>') == "◉"
    assert symbol_for('<input type="text"/>') is None and symbol_for("<b>") is None
    lines = ['实时 <input type="checkbox"/> 每日 <input type="checkbox"/> 是 <input type="radio" checked/>',
             "第一条 <不是标记> 保持原样", '<input type="checkbox" onclick="alert(1)">']
    notes, findings = normalise_leftovers(lines)
    assert lines == ["实时 ☐ 每日 ☐ 是 ◉", "第一条 <不是标记> 保持原样", "☐"]
    assert [(n.line, n.original, n.corrected, n.kind) for n in notes] == [
        (1, '<input type="checkbox"/>', "☐", "normalised"), (1, '<input type="radio" checked/>', "◉", "normalised"),
        (3, '<input type="checkbox" onclick="alert(1)">', "☐", "normalised")]
    assert "共 2 处" in notes[0].reason
    assert [(f.code, f.line) for f in findings] == [(FindingCode.CONVERTER_MARKUP, 1)] * 2 + [(FindingCode.CONVERTER_MARKUP, 3)]


def test_the_seed_reads_without_checkbox_markup(seed):
    assert not any("<input" in line for line in seed.lines)
    assert "☐ 实时 ☐ 每日" in seed.line(3801)
    notes = [e for e in seed.errata if e.kind == "normalised"]
    assert {n.line for n in notes} == {3801, 3808} and all(n.original == '<input type="checkbox"/>' for n in notes)
    reported = [f for f in seed.report.findings if f.code is FindingCode.CONVERTER_MARKUP]
    assert {f.line for f in reported} == {3801, 3808}
    # the file itself is untouched: the normalisation is the parser's
    assert (REPO / "bulletins" / "2020-04.txt").read_text(encoding="utf-8").count('<input type="checkbox"/>') > 20


def test_the_page_shows_symbols_and_keeps_the_original_escaped(seed_site):
    html = (seed_site.site / "2020" / "04" / "yzbf-2020-088" / "1" / "index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1]
    assert "<input" not in article and "☐ 实时" in article
    assert "<strong>原文整理</strong> 原文此处为“<code>&lt;input type=&quot;checkbox&quot;/&gt;</code>”" in article
    issue = (seed_site.site / "2020" / "04" / "index.html").read_text(encoding="utf-8")
    assert 'id="normalised"' in issue and "&lt;input" in issue


def test_a_copy_of_the_lines_is_left_alone_when_there_is_nothing_to_do():
    lines = ["第一条 本规定自公布之日起施行。", "a < b > c"]
    before = copy.copy(lines)
    assert normalise_leftovers(lines) == ([], []) and lines == before
