"""The index of the real bulletin, searched from Python: quality on the development queries and semantics."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gazette.evaluation import score_run
from gazette.search.engine import SearchIndex
from tests.conftest import DEV_QUERIES, FIXTURES, REPO

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


def test_cli_without_index_is_a_clear_error(tmp_path):
    out = subprocess.run([sys.executable, "-m", "gazette", "search", "x", "--site", str(tmp_path)],
                         capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.returncode == 2 and "no search index" in out.stderr and "Traceback" not in out.stderr
