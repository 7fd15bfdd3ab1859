"""The failure classes of blind queries (issue 22), on cases of our own: 繁体 folding, errata under both
spellings, a title that must not swallow the question, question forms, unit-led ranking and no-answer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gazette.evaluation import is_correct, resolve_text
from gazette.model import Erratum
from gazette.render.body import erratum_phrase
from gazette.search.engine import SearchIndex
from gazette.search.files import read_script
from gazette.search.tokenize import fold_pairs, normalise
from tests.support import REPO


@pytest.fixture(scope="module")
def index(seed_site):
    return SearchIndex(seed_site.site)


def test_traditional_characters_fold_to_simplified():
    assert normalise("氣象災害應急指揮部辦公室") == "气象灾害应急指挥部办公室"
    assert normalise("規範性文件") == "规范性文件" and normalise("养老服务") == "养老服务"
    pairs = fold_pairs()
    assert len(pairs) % 2 == 0 and len(pairs) > 4000
    assert all(ord(ch) < 0x10000 for ch in pairs)  # search.js reads it two UTF-16 units at a time


def test_a_query_in_traditional_characters_finds_what_the_simplified_one_finds(index, seed_site):
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    assert read_script(seed_site.site, "meta")["fold"] == fold_pairs()  # the browser folds with the same table
    queries = ["重大行政决策 听证会", "婴幼儿照护服务机构 登记备案", "垃圾分类 责任人", "巡游出租汽车 更新车型",
               "气象灾害 预警信号", "应急政府采购 适用范围",
               # 文号 and article numbers are read after folding too (號 -> 号, 辦 -> 办, 條 -> 条)
               "阳政办发 2020 年 76 号", "78号文 出租车更新", "重大行政决策程序规定 第34条"]
    for query in queries:
        traditional = to_traditional.convert(query)
        assert traditional != query
        assert [r.url for r in index.search(traditional, k=5)] == [r.url for r in index.search(query, k=5)], query


def test_an_erratum_is_found_under_both_spellings(index, seed):
    errata = [e for e in seed.errata if all("\u4e00" <= ch <= "\u9fff" for ch in e.original)]
    assert errata
    for erratum in errata:
        printed = index.search(erratum.original, k=1)
        corrected = index.search(erratum.corrected, k=1)
        assert printed and corrected and printed[0].url == corrected[0].url, erratum.original
        assert erratum.corrected in printed[0].text.replace(" ", "")


def test_words_beyond_a_title_choose_the_clause(index):
    """The title picks the page; 起施行 picks its closing article, not the bare page."""
    results = index.search("行政规范性文件清理规定 自什么时候起施行", k=3)
    assert results[0].url.split("#")[1:] and "施行" in results[0].text
    # A query that is only the title still gets the page.
    assert "#" not in index.search("阳泉市行政规范性文件清理规定", k=1)[0].url


def test_a_how_much_money_question_prefers_a_figure_in_yuan(index):
    assert "元" not in index.search("既有建筑能效提升 补助", k=1)[0].text
    assert "元" in index.search("既有建筑能效提升 补助 多少钱", k=1)[0].text  # the question asks for a sum


@pytest.mark.parametrize("query, names", [
    ("市民政局牵头 养老服务 联席会议", ("市民政局",)),
    ("市交通运输局 出租汽车更新", ("市交通运输局",)),
])
def test_the_unit_named_comes_first(index, query, names):
    results = index.search(query, k=3)
    assert all(any(name in r.text for name in names) for r in results), [r.text[:40] for r in results]


@pytest.mark.parametrize("query", ["高考 录取", "彩票 中奖"])
def test_no_answer_is_said_so(index, seed_site, query):
    results = index.search(query, k=10)
    assert not index.answers(query, results)
    out = subprocess.run([sys.executable, "-m", "gazette", "search", query, "--site", str(seed_site.site)],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0 and out.stdout.startswith(f"未找到与“{query}”直接相关的条款")


@pytest.mark.parametrize("query", ["听证会 公开", "垃圾分类 责任人", "阳政办发〔2020〕81号", "买房 过户"])
def test_a_covered_query_is_answered(index, query):
    assert index.answers(query, index.search(query, k=10))


def test_a_record_the_unit_leads_ranks_above_one_that_only_names_it():
    from gazette.search.query import leads
    from gazette.search.settings import SETTINGS

    forms = SETTINGS["lead_forms"]
    for text in ("市政府建立由市民政局牵头的养老服务市际联席会议制度", "牵头单位：市民政局", "10. 市民政局：负责养老服务",
                 "（市民政局、市卫健委按职责分工负责）"):
        assert leads(normalise(text), ["市民政局"], forms), text
    for text in ("（市卫健委、市民政局按职责分工负责）", "成 员：张三 市民政局副局长"):
        assert not leads(normalise(text), ["市民政局"], forms), text


def test_the_unit_led_task_comes_first(index):
    top = index.search("市工信局 牵头 婴幼儿照护 信息化", k=1)[0]
    assert "市工信局负责" in top.text


def test_a_quote_of_the_printed_text_is_on_the_page_it_finds(index, seed_site, seed):
    """The 勘误 note quotes the printed phrase (to the punctuation around the misprint), so a quote copied
    from the printed bulletin is in the section the search finds, under either spelling."""
    erratum = next(e for e in seed.errata if e.original == "孟县梁家寨")
    for query in ("孟县梁家寨康养小镇", "盂县梁家寨康养小镇"):
        section = resolve_text(seed_site.site, index.search(query, k=1)[0].url)
        assert section and is_correct(section, "大力推进孟县梁家寨康养小镇") and is_correct(section, "大力推进盂县梁家寨康养小镇")
    assert erratum.corrected in section


@pytest.mark.parametrize("text, printed, corrected", [
    ("，大力推进盂县梁家寨康养小镇、郊区", "大力推进孟县梁家寨康养小镇", "大力推进盂县梁家寨康养小镇"),
    ("盂县梁家寨", "孟县梁家寨", "盂县梁家寨"),  # nothing around it
    ("没有这几个字。", "孟县梁家寨", "盂县梁家寨"),  # text without the corrected words: the bare words
    ("甲" * 40 + "盂县梁家寨" + "乙" * 40, "甲" * 16 + "孟县梁家寨" + "乙" * 16, "甲" * 16 + "盂县梁家寨" + "乙" * 16),
])
def test_an_erratum_note_quotes_the_printed_phrase(text, printed, corrected):
    erratum = Erratum(line=1, original="孟县梁家寨", corrected="盂县梁家寨", reason="")
    assert erratum_phrase(text, erratum) == (printed, corrected)
