"""Later stages keep their results out of the parsed model: linking and rendering leave it as parsed."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

from gazette.classify import classify_archive, load_taxonomy
from gazette.link.archive import link_archive
from gazette.link.validity import assess
from gazette.parse.frontmatter import parse_toc
from gazette.parse.lines import classify_lines
from gazette.parse.loader import parse_file
from gazette.parse.segment import find_documents, find_numbered, front_end
from gazette.render.pages import render_archive

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bulletins"


def test_linking_classifying_and_rendering_do_not_write_into_the_parsed_model(registry):
    issues = [parse_file(FIXTURES / name, registry) for name in ("validity-2022-01.txt", "safety.txt")]
    before = pickle.dumps(issues)
    archive = link_archive(issues)
    classify_archive(archive, load_taxonomy())
    assess(archive, dt.date(2026, 11, 30))
    render_archive(archive, {}, dt.date(2026, 11, 30))
    assert pickle.dumps(issues) == before
    notice = issues[0].documents[0]
    assert archive.notice_page(notice).document is notice
    embedded = next(e for i in issues for d in i.documents for e in d.embedded)
    assert archive.embedded_page(embedded).embedded is embedded


def test_documents_are_anchored_on_their_doc_number_lines_then_the_toc():
    lines = classify_lines([
        "目录", "关于印发某办法的通知 (阳政发〔2020〕1号) (1)", "关于某事项的通知 (2)",
        "阳泉市人民政府", "关于印发某办法的通知", "阳政发〔2020〕1号", "各县区人民政府：", "现印发给你们。",
        "阳泉市人民政府", "2020年1月2日",
        "关于某事项的通知", "各县区人民政府：", "请遵照执行。", "阳泉市人民政府办公室", "2020年1月3日",
    ])
    numbered, findings = find_numbered(lines, 3)
    assert [(a.heading_lines, a.doc_number_line, a.doc_number) for a in numbered] == [([4, 5], 6, "阳政发〔2020〕1号")]
    assert findings == [] and front_end(numbered, lines) == 3
    toc, _, _ = parse_toc([line.raw for line in lines], 0, 3)
    anchors, found = find_documents(lines, toc, 3, numbered)
    assert [(a.first_line, a.last_line, a.doc_number_line) for a in anchors] == [(4, 10, 6), (11, 15, None)]
    assert [f.code for f in found] == ["doc-number-line-missing"]
