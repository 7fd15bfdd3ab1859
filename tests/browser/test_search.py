"""Search in the real search box: results, click-through, keyboard, filters, ?q=, file://, parity, fuzz."""

from __future__ import annotations

import json
import random

from gazette.search.engine import SearchIndex
from tests.support import BLIND_QUERIES, DEV_QUERIES, FIXTURES
from tests.support.browser import screenshot, search

DEV = DEV_QUERIES


def test_type_a_query_and_land_on_the_highlighted_clause(page, seed_url):
    page.goto(f"{seed_url}/")
    hits = search(page, "协商会 座谈会 材料 提前几天发给代表")
    assert "#art-12" in hits[0] and "/2020/04/yzf-2020-007/1/" in hits[0]
    first = page.locator("a.gz-hit").first
    assert "第十二条" in first.inner_text()
    assert page.locator("a.gz-hit mark").count() > 0  # matches highlighted in snippets
    screenshot(page, "search-results")
    with page.expect_navigation():
        first.click()
    assert page.url.endswith("#art-12")
    marks = page.locator("#art-12 ~ p mark.gz-mark, #art-12 mark.gz-mark")
    assert marks.count() > 0
    assert "座谈会" in " ".join(marks.all_inner_texts())
    screenshot(page, "search-landing")
    assert page.errors == []


def test_doc_number_notations_put_the_document_first(page, seed_url):
    page.goto(f"{seed_url}/")
    for query in ("阳政办发〔2020〕81号", "阳政办发[2020]81号", "阳政办发（2020）81号", "阳政办发 2020 年 81 号"):
        assert search(page, query)[0].split("?")[0].endswith("/2020/04/yzbf-2020-081/"), query
    assert "yzbh-2020-117" in search(page, "政办函117号")[0]


def test_keyboard_navigation_and_escape(page, seed_url):
    page.goto(f"{seed_url}/2020/04/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "gz-search-input"
    search(page, "听证会")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    selected = page.locator('a.gz-hit[aria-selected="true"]')
    assert selected.count() == 1
    target = selected.evaluate("a => a.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target
    page.goto(f"{seed_url}/")
    search(page, "听证会")
    page.keyboard.press("Escape")
    assert page.locator("#gz-search-panel").is_hidden()


def test_filters_narrow_results(page, seed_url):
    page.goto(f"{seed_url}/")
    search(page, "负责")
    page.select_option("#gz-search-filters select[aria-label='全部栏目']", "人事任免")
    page.wait_for_selector('#gz-search-results[data-state="done"]')
    page.wait_for_timeout(300)
    hits = page.eval_on_selector_all("#gz-search-results a.gz-hit", "els => els.map(a => a.getAttribute('href'))")
    titles = page.eval_on_selector_all(".gz-group__title", "els => els.map(e => e.textContent)")
    assert all("任" in t or "免" in t for t in titles), titles
    assert all("yzrz" in h for h in hits)


def test_topic_filter_control(page, seed_url):
    page.goto(f"{seed_url}/")
    search(page, "服务")
    select = page.locator("#gz-search-filters select[aria-label='全部主题']")
    topics = [o for o in select.locator("option").all_inner_texts() if o != "全部主题"]
    assert len(topics) >= 3
    before = page.eval_on_selector_all("#gz-search-results a.gz-hit", "els => els.map(a => a.getAttribute('href'))")
    page.evaluate("() => document.querySelector('#gz-search-results').setAttribute('data-state', 'pending')")
    select.select_option(topics[0])
    page.wait_for_selector('#gz-search-results[data-state="done"]', state="attached")
    after = page.eval_on_selector_all("#gz-search-results a.gz-hit", "els => els.map(a => a.getAttribute('href'))")
    assert after and after != before
    assert page.errors == []


def test_date_filter_control(page, seed_url):
    page.goto(f"{seed_url}/")
    everything = search(page, "工作")
    start = page.locator("#gz-search-filters input[aria-label='成文日期起']")
    end = page.locator("#gz-search-filters input[aria-label='成文日期止']")
    # text fields labelled 起/止, a Chinese hint (a date field would show the browser's mm/dd/yyyy)
    assert start.get_attribute("placeholder") == end.get_attribute("placeholder") == "年-月-日"
    page.evaluate("() => document.querySelector('#gz-search-results').setAttribute('data-state', 'pending')")
    start.fill("2020-08-01")
    end.fill("2020-08-31")
    page.wait_for_selector('#gz-search-results[data-state="done"]', state="attached")
    page.wait_for_timeout(300)
    august = page.eval_on_selector_all("#gz-search-results a.gz-hit", "els => els.map(a => a.getAttribute('href'))")
    expected = page.evaluate(
        "q => window.gazetteSearch.search(q, 30, {date: ['2020-08-01', '2020-08-31']}, true).then(r => r.map(x => x.url))",
        "工作")  # as the panel asks: the ranked results, then the other matches (paging)
    assert august and len(expected) == len(august) and august != everything
    dates = page.evaluate("""q => window.gazetteSearch.search(q, 30, {date: ['2020-08-01', '2020-08-31']})
        .then(r => r.map(x => x.page.date))""", "工作")
    assert dates and all("2020-08-01" <= d <= "2020-08-31" for d in dates)
    assert page.errors == []


def test_no_answer_is_said_above_the_closest_documents(page, seed_url):
    page.goto(f"{seed_url}/")
    search(page, "高考 录取")
    weak = page.locator("#gz-search-results .gz-search__weak")
    assert weak.count() == 1 and weak.inner_text().startswith("未找到与“高考 录取”直接相关的条款")
    search(page, "听证会 公开")
    assert page.locator("#gz-search-results .gz-search__weak").count() == 0
    assert page.errors == []


def test_query_in_the_url_opens_results(page, seed_url):
    page.goto(f"{seed_url}/?q=" + "养老服物")
    page.wait_for_selector('#gz-search-results[data-state="done"]')
    assert page.locator("#gz-search-panel").is_visible()
    assert "养老服务" in page.inner_text("#gz-search-results")


def test_search_works_from_disk(page, seed_site):
    page.goto((seed_site.site / "index.html").as_uri())
    hits = search(page, "一局一委一中心一公司")
    assert hits and hits[0].startswith("file://") and "index.html" in hits[0] and "#art-4" in hits[0]
    with page.expect_navigation():
        page.locator("a.gz-hit").first.click()
    assert "一局一委一中心一公司" in page.inner_text("#art-4 ~ p")
    assert page.errors == []


def test_browser_and_cli_return_the_same_results(page, seed_url, seed_site):
    queries = [q["query"] for q in json.loads((FIXTURES / "search_queries.json").read_text(encoding="utf-8"))]
    queries += [q["query"] for q in json.loads((FIXTURES / "search_eval.json").read_text(encoding="utf-8"))]
    queries += [q["query"] for q in json.loads(DEV.read_text(encoding="utf-8"))] if DEV else []
    queries += [q["query"] for q in json.loads(BLIND_QUERIES.read_text(encoding="utf-8"))] if BLIND_QUERIES else []
    queries += ["氣象災害應急指揮部", "孟县梁家寨", "一千零八十辆", "高考 录取", "市民政局牵头 养老服务"]
    queries += ["养老服物", "三统一", "355项", "90%", "2023年年底", "IV级", "李君", "市规自局 老旧小区",
                "买房 过户", "\"家庭为主、托育补充\"", "阳政办发 2020 年 76 号 住房租赁"]
    index = SearchIndex(seed_site.site)
    page.goto(f"{seed_url}/")
    for query in queries:
        browser_urls = page.evaluate("q => window.gazetteSearch.query(q, 10).then(r => r.map(x => x.url))", query)
        assert browser_urls == [r.url for r in index.search(query, k=10)], query
    assert page.errors == []


def _odd_inputs() -> list[str]:
    rng = random.Random(20201)
    pieces = list("+-:^~*!?()[]{}<>\"'\\/|&%$#@`，。、；：？！“”‘’《》〔〕【】（）…—·") + [
        "😀", "🇨🇳", "\u200b", "\u3000", "\ufeff", "𠮷", "Ⅳ", "ｱ", "阳", "政", "发", "〔2020〕", "号", "AND", "OR", "NOT"]
    inputs = ["", " ", "+", "-", ":", "^", "~", "*", "~1", "^10", "a:b", "title:听证", "*听证*", "+听证 -公开",
              "听证~2", "\\", "'", '"', "《", "》", "“", "（", "）", "〔", "〕", "%", "&amp;", "<script>", "</p>",
              "x" * 5000, "养" * 3000, "阳政办发〔2020〕" * 50, "号" * 100, "😀" * 100, "\n\t\r", "NaN", "undefined",
              "__proto__", "constructor", "hasOwnProperty", "toString", "0", "-1", "1e309", "9" * 400]
    while len(inputs) < 240:
        inputs.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))))
    return inputs


def test_fuzz_odd_inputs_raise_no_errors(page, seed_url, seed_site):
    inputs = _odd_inputs()
    assert len(inputs) >= 200
    page.goto(f"{seed_url}/")
    failures = page.evaluate("""async inputs => {
        const failed = [];
        for (const q of inputs) {
            try { await window.gazetteSearch.query(q, 10); } catch (e) { failed.push([q, String(e)]); }
        }
        return failed;
    }""", inputs)
    assert failures == []
    for q in inputs[:40]:  # through the real box as well
        search(page, q)
    assert page.errors == []
    index = SearchIndex(seed_site.site)
    for q in inputs:
        index.search(q, k=10)
