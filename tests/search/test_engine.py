"""The index of the real bulletin, searched from Python: quality on the development queries and semantics."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gazette.evaluation import normalize, resolve_text, score_run
from gazette.search.engine import SearchIndex
from tests.support import DEV_QUERIES, FIXTURES, REPO

# Our own regression set (tests/fixtures/search_queries.json), and the shared development set when
# this machine has it (../shared/eval): the same kinds of queries, judged by the same rule.
QUERY_SETS = [FIXTURES / "search_queries.json"] + ([DEV_QUERIES] if DEV_QUERIES else [])


@pytest.fixture(scope="module")
def index(seed_site):
    return SearchIndex(seed_site.site)


@pytest.mark.parametrize("path", QUERY_SETS, ids=[p.stem for p in QUERY_SETS])
def test_queries_reach_the_right_clause(index, seed_site, path):
    queries = json.loads(path.read_text(encoding="utf-8"))
    results = {q["id"]: [r.url for r in index.search(q["query"], k=10)] for q in queries}
    scores = score_run(results, queries, seed_site.site)
    assert scores["recall@10"] >= 0.95
    assert scores["recall@1"] >= 0.85


EVAL = FIXTURES / "search_eval.json"


def test_query_set_is_well_formed(seed_site):
    """≥ 80 queries of every kind, a third held out, each answer a quote found on its document's pages."""
    queries = json.loads(EVAL.read_text(encoding="utf-8"))
    assert len(queries) >= 80 and len({q["id"] for q in queries}) == len(queries)
    assert len({q["query"] for q in queries}) == len(queries)
    held = [q for q in queries if q["split"] == "holdout"]
    assert len(held) * 3 >= len(queries) and {q["split"] for q in queries} == {"dev", "holdout"}
    kinds = {"clause", "exact_phrase", "doc_number", "title", "topic_citizen", "unit", "person", "number_date", "hard"}
    assert {q["kind"] for q in queries} == kinds and {q["kind"] for q in held} == kinds
    pages = {p.parent.relative_to(seed_site.site).as_posix(): p.read_text(encoding="utf-8")
             for p in seed_site.site.glob("2020/04/*/**/index.html")}
    flat = {path: normalize(resolve_text(seed_site.site, f"{path}/") or "") for path in pages}
    for q in queries:
        must = normalize(q["expect"]["must_contain"])
        assert 8 <= len(must) <= 30, q["id"]
        folders = {path.split("/")[2] for path, text in flat.items() if must in text}
        assert len(folders) == 1, (q["id"], folders)  # the quote is on one document's pages only
        notice = pages[f"2020/04/{folders.pop()}"]
        assert f"<dt>文号</dt><dd>{q['expect']['doc_number']}</dd>" in notice, q["id"]


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_unseen_queries_reach_the_clause(index, seed_site, split):
    """The query set written for this engine, judged at clause level; the held-out third was not used
    for tuning."""
    queries = [q for q in json.loads(EVAL.read_text(encoding="utf-8")) if q["split"] == split]
    results = {q["id"]: [r.url for r in index.search(q["query"], k=10)] for q in queries}
    scores = score_run(results, queries, seed_site.site)
    assert scores["recall@10"] >= 0.95
    assert scores["recall@1"] >= 0.85
    assert scores["mrr"] >= 0.88


def test_article_numbers_in_any_numerals(index):
    for query in ("重大行政决策程序规定第34条", "程序规定 34条", "程序规定第三十四条"):
        assert index.search(query, k=1)[0].url == "2020/04/yzf-2020-007/1/#art-34", query
    # The same number in another regulation: the title words choose the regulation.
    assert index.search("异议审查处理规定第12条", k=1)[0].url.endswith("/#art-12")
    assert "异议" in index.search("异议审查处理规定第12条", k=1)[0].title


def test_unit_named_with_a_topic_favours_the_records_that_name_it(index):
    first = index.search("市规自局 老旧小区改造 负责什么", k=1)[0]
    assert "市规自局" in first.text and "老旧小区" in first.text


def test_question_forms_find_the_definition(index):
    for query, answer in (("多少度算高温", "35℃"), ("什么是霜冻", "0℃"), ("可回收物 指什么", "适宜回收")):
        assert answer in index.search(query, k=1)[0].text, query


def test_notice_text_is_found_at_its_paragraph(index):
    first = index.search("355项 行政权力事项", k=1)[0]
    assert first.url.startswith("2020/04/yzf-2020-006/#p") and "355" in first.text


def test_date_and_status_filters(index):
    everything = index.search("工作", k=30)
    july = index.search("工作", k=30, filters={"date": ("2020-07-01", "2020-07-31")})
    assert july and len(july) <= len(everything)
    assert all("2020-07-01" <= r.page["date"] <= "2020-07-31" for r in july)
    after = index.search("工作", k=30, filters={"date": ("2020-08-10", None)})
    assert after and all(r.page["date"] >= "2020-08-10" for r in after)
    assert [r.url for r in index.search("工作", k=30, filters={"date": (None, None)})] == [r.url for r in everything]
    assert index.search("工作", k=5, filters={"status": "已废止"}) == []  # nothing in the seed repeals the seed
    mixed = index.search("清理", k=20)  # the 8号 rules (lapsed as of the test builds' date) and others
    lapsed = index.search("清理", k=20, filters={"status": "已失效"})
    in_force = index.search("清理", k=20, filters={"status": "现行有效"})
    assert lapsed and all(r.page["status"] == "已失效" for r in lapsed)
    assert in_force and all(r.page["status"] == "现行有效" for r in in_force)
    ended = index.search("清理", k=20, filters={"status": "实施期已结束"})  # 2020年… plans, as of 2026
    assert {r.url for r in mixed} <= {r.url for r in lapsed + in_force + ended}


def test_topic_filter_keeps_the_pages_of_that_topic(index):
    everything = index.search("服务", k=20)
    topics = {topic for r in everything for topic in r.page["topics"]}
    assert len(topics) >= 3  # the seed's pages span several 主题分类 themes
    for topic in sorted(topics):
        narrowed = index.search("服务", k=20, filters={"topics": topic})
        assert narrowed and all(topic in r.page["topics"] for r in narrowed), topic
        assert [r.url for r in narrowed] != [r.url for r in everything], topic
    assert index.search("服务", k=5, filters={"topics": "没有这个主题"}) == []


@pytest.mark.parametrize("query", ["阳政办发〔2020〕81号", "阳政办发[2020]81号", "阳政办发（2020）81号",
                                   "阳政办发 2020 年 81 号", "阳政办发〔2020〕 81 号", "政办发81号"])
def test_doc_number_in_any_notation_puts_that_document_first(index, query):
    assert index.search(query, k=3)[0].url == "2020/04/yzbf-2020-081/"


def test_partial_doc_number(index):
    assert index.search("政办函117号", k=1)[0].url == "2020/04/yzbh-2020-117/"
    assert index.search("政发8号", k=1)[0].url == "2020/04/yzf-2020-008/"


def test_clause_lands_on_the_article(index):
    first = index.search("专家论证 不少于几人", k=3)[0]
    assert first.url.endswith("#art-17") or first.url.endswith("#art-8")
    assert "不少于" in first.text


def test_exact_phrase_ranks_above_scattered_terms(index):
    results = index.search("决策承办单位应当举行听证会", k=5)
    assert "决策承办单位应当举行听证会" in results[0].text.replace(" ", "")


def test_near_miss_and_split_words(index):
    assert "养老服务" in index.search("养老服物", k=1)[0].text
    assert "三统一" in index.search("三统一", k=1)[0].text
    assert "一数一源" in index.search("一数一源", k=1)[0].text


def test_numbers_and_units(index):
    assert "355" in index.search("355项", k=1)[0].text
    assert "90%" in "".join(r.text for r in index.search("90%", k=5))
    assert "2023年年底" in index.search("2023年年底", k=3)[0].text.replace(" ", "")


def test_odd_input_never_raises(index):
    for query in ("+", "-", ":", "^", "~", "*", "~~~", "a:b^2", "《", "！？", "😀", " ", "\u3000", "x" * 2000):
        index.search(query, k=5)


def test_cli_json(seed_site):
    out = subprocess.run([sys.executable, "-m", "gazette", "search", "听证会 公开", "--k", "3", "--json",
                          "--site", str(seed_site.site)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)
    assert len(results) == 3
    assert set(results[0]) == {"url", "title", "doc_number", "text", "snippet"}
    assert "听证会" in results[0]["text"]


def test_cli_date_filter(seed_site):
    def urls(*extra):
        out = subprocess.run([sys.executable, "-m", "gazette", "search", "工作", "--k", "30", "--json",
                              "--site", str(seed_site.site), *extra], capture_output=True, text=True, cwd=REPO,
                             timeout=60)
        assert out.returncode == 0, out.stderr
        return [r["url"] for r in json.loads(out.stdout)]

    index = SearchIndex(seed_site.site)
    assert urls("--from", "2020-08-01", "--to", "2020-08-31") == [
        r.url for r in index.search("工作", k=30, filters={"date": ("2020-08-01", "2020-08-31")})]
    august = urls("--from", "2020-08-01")
    assert august and august != urls()
    topic = next(t for r in index.search("工作", k=30) for t in r.page["topics"])
    assert urls("--topic", topic) == [r.url for r in index.search("工作", k=30, filters={"topics": topic})]
    bad = subprocess.run([sys.executable, "-m", "gazette", "search", "工作", "--from", "8月1日", "--site",
                          str(seed_site.site)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_without_index_is_a_clear_error(tmp_path):
    out = subprocess.run([sys.executable, "-m", "gazette", "search", "x", "--site", str(tmp_path)],
                         capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.returncode == 2 and "还没有检索索引" in out.stderr and "Traceback" not in out.stderr
