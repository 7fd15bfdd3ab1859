"""The judging rule (../shared/eval/README.md): clause-level, whitespace-insensitive."""

from __future__ import annotations

from gazette.evaluation import first_correct_rank, resolve_text, score_run

PAGE = """<html><body><article class="md-content__inner">
<h1 id="_1">关于印发某办法的通知</h1>
<p class="gz-p" id="p10">现将《某办法》印发给你们，自 2020 年 9 月 1 日起施行。</p>
<p class="gz-p" id="p12">请认真遵照执行。</p>
<h3 id="art-1">第一条 目的</h3>
<p>为了规范管理，制定本办法。</p>
<p id="art-1-1">（一）材料应当提前 3 日送达；</p>
<p id="art-1-2">（二）其他事项。</p>
<h3 id="art-2">第二条 范围</h3>
<p>本办法适用于全市。</p>
</article></body></html>"""


def site(tmp_path):
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "index.html").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_an_anchored_paragraph_is_the_paragraph_itself(tmp_path):
    root = site(tmp_path)
    assert "提前 3 日" in resolve_text(root, "doc/#art-1-1")
    assert "其他事项" not in resolve_text(root, "doc/#art-1-1")
    assert "请认真遵照执行" not in resolve_text(root, "doc/#p10")
    heading = resolve_text(root, "doc/#art-1")  # a heading: up to the next heading of its level
    assert "提前 3 日" in heading and "其他事项" in heading and "适用于全市" not in heading


def test_a_page_without_anchor_counts_only_for_title_doc_number_and_person(tmp_path):
    root = site(tmp_path)
    must = "自2020年9月1日起施行"
    for kind in ("title", "doc_number", "person"):
        assert first_correct_rank(root, ["doc/"], must, kind) == 1
    for kind in ("clause", "number_date", "unit", "topic_citizen", "hard", "exact_phrase"):
        assert first_correct_rank(root, ["doc/"], must, kind) is None
        assert first_correct_rank(root, ["doc/", "doc/#art-1", "doc/#p10"], must, kind) == 3


def test_scores(tmp_path):
    root = site(tmp_path)
    queries = [{"id": "a", "kind": "clause", "expect": {"must_contain": "材料应当提前3日送达"}},
               {"id": "b", "kind": "title", "expect": {"must_contain": "关于印发某办法的通知"}},
               {"id": "c", "kind": "clause", "expect": {"must_contain": "不存在的文字内容"}}]
    scores = score_run({"a": ["doc/", "doc/#art-1-2", "doc/#art-1-1"], "b": ["doc/"], "c": ["doc/"]}, queries, root)
    assert scores["ranks"] == {"a": 3, "b": 1, "c": None}
    assert abs(scores["mrr"] - (1 / 3 + 1) / 3) < 1e-9
    assert scores["recall@1"] == 1 / 3 and abs(scores["recall@10"] - 2 / 3) < 1e-9
