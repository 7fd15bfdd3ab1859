"""Reader polish (issue 25) in real Chromium: copying a citation, feeds in a browser, the phone's search panel.

One browser and the one seed site of the session (tests/browser/conftest.py)."""

from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
REGULATION = "/2020/04/yzf-2020-007/1/"  # 《阳泉市重大行政决策程序规定》, issued by 阳政发〔2020〕7号


@pytest.fixture
def tab(browser):
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


def test_copy_on_a_phone_confirms_and_copies_the_citation_as_written(tab, seed_url):
    page = tab(PHONE, is_mobile=True, has_touch=True, permissions=["clipboard-read", "clipboard-write"])
    base = f"{seed_url}{REGULATION}"
    page.goto(base)
    control = page.locator("#art-11 a.gz-copy")
    box = control.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44  # a touch target
    assert float(control.evaluate("el => getComputedStyle(el).opacity")) == 1  # visible without hover
    control.tap()
    page.wait_for_selector(".gz-copied")
    assert "已复制链接" in page.inner_text(".gz-copied")
    page.wait_for_function("() => document.querySelector('.gz-live[aria-live=polite]').textContent === '已复制链接'")
    assert page.evaluate("navigator.clipboard.readText()") == base + "#art-11"
    button = page.locator(".gz-copied button.gz-cite-copy")
    assert button.bounding_box()["height"] >= 44
    button.tap()
    page.wait_for_function("() => document.querySelector('.gz-copied').textContent.includes('已复制引用')")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"《阳泉市重大行政决策程序规定》第十一条（阳政发〔2020〕7号） {base}#art-11")
    page.wait_for_function("() => document.querySelector('.gz-live').textContent.startsWith('已复制引用：《')")
    page.keyboard.press("Escape")
    assert page.locator(".gz-copied").count() == 0
    assert page.errors == []


def test_citation_of_an_item_names_its_article(tab, seed_url):
    page = tab(DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{seed_url}{REGULATION}")
    item = page.locator("article a.gz-copy[data-cite*='项']").first
    cite = item.get_attribute("data-cite")
    assert cite.startswith("第") and "条第（" in cite and cite.endswith("）项")
    item.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".gz-copied")
    page.keyboard.press("Tab")  # the second action comes next in the tab order
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.gz-copied').textContent.includes('已复制引用')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"《阳泉市重大行政决策程序规定》{cite}（阳政发〔2020〕7号） {seed_url}{REGULATION}#")


def test_feed_opens_as_a_readable_page_on_a_phone_and_stays_atom(tab, seed_url, seed_site):
    import feedparser

    page = tab(PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page.goto(f"{seed_url}/feeds/all.xml")
    assert page.evaluate("window.innerWidth") == 390  # laid out for the phone, not at 980 px and shrunk
    title = page.locator("title").first
    assert float(title.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 20
    subtitle = page.locator("subtitle")
    assert subtitle.is_visible() and "订阅阅读器" in subtitle.text_content()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    links = page.locator("summary a")
    assert links.count() == len(feedparser.parse(str(seed_site.site / "feeds" / "all.xml")).entries) > 10
    links.first.tap()
    page.wait_for_url("**/2020/04/**")
    assert page.locator("article h1").count() == 1
    for feed in sorted((seed_site.site / "feeds").rglob("*.xml")):
        parsed = feedparser.parse(str(feed))
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        # changes.xml lists amendments, repeals and lapses between held documents: the seed alone has none
        assert parsed.version == "atom10" and (parsed.entries or feed.name == "changes.xml")
        assert all(e.link for e in parsed.entries)
        assert "订阅源（Atom）" in parsed.feed.subtitle


def wait_done(page):
    page.wait_for_selector('#gz-search-results[data-state="done"]', state="attached", timeout=15_000)


def total_of(page) -> int:
    import re

    match = re.match(r"共 (\d+) 条结果", page.inner_text("#gz-search-status"))
    assert match, page.inner_text("#gz-search-status")
    return int(match.group(1))


def load_everything(page) -> int:
    more = page.locator("#gz-search-more")
    while more.is_visible():
        shown = page.locator("a.gz-hit").count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('a.gz-hit').length > {shown}")
    return page.locator("a.gz-hit").count()


def test_phone_search_panel_folds_filters_and_shows_results_first(tab, seed_url):
    page = tab(PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{seed_url}/2020/04/?q=%E5%86%B3%E7%AD%96")
    wait_done(page)
    toggle = page.locator("#gz-search-toggle")
    assert toggle.is_visible() and toggle.inner_text() == "筛选" and toggle.bounding_box()["height"] >= 44
    assert page.locator("#gz-search-filters").is_hidden()
    first = page.locator("a.gz-hit").first.bounding_box()
    assert first["y"] + 40 <= PHONE["height"]  # the first result is on the first screen
    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#gz-search-filters select").first.is_visible()
    range_text = page.locator("#gz-search-filters fieldset.gz-search__range").inner_text()
    assert "起" in range_text and "止" in range_text and "成文日期" in range_text
    for field in page.locator("#gz-search-filters input").all():
        assert field.get_attribute("placeholder") == "年-月-日" and field.get_attribute("type") == "text"
    page.locator("#gz-search-filters input[aria-label='成文日期起']").fill("2020年8月")
    page.locator("#gz-search-filters input[aria-label='成文日期起']").dispatch_event("change")
    page.wait_for_function("() => document.querySelector('#gz-search-toggle').textContent === '筛选（1）'")
    assert page.locator("#gz-search-filters input[aria-label='成文日期起']").input_value() == "2020-08-01"
    assert page.errors == []


def test_result_counts_are_true_totals_with_paging(tab, seed_url):
    page = tab(DESKTOP)
    page.goto(f"{seed_url}/?q=%E5%86%B3%E7%AD%96")  # 决策
    wait_done(page)
    total = total_of(page)
    assert total > 30 and page.locator("a.gz-hit").count() == 30  # not the cap of 20 or 30
    assert load_everything(page) == total == total_of(page)
    ids = page.locator("a.gz-hit").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert len(set(ids)) == len(ids)
    # with a filter the total counts what passes it, and paging reaches all of it
    category = page.evaluate("q => window.gazetteSearch.search(q, 1, {}).then(r => r[0].page.category)", "决策")
    page.evaluate("() => document.querySelector('#gz-search-results').setAttribute('data-state', 'pending')")
    page.select_option("#gz-search-filters select[aria-label='全部栏目']", category)
    wait_done(page)
    filtered = total_of(page)
    assert 0 < filtered < total and load_everything(page) == filtered


def test_results_page_with_filters_and_sort_by_date(tab, seed_url):
    page = tab(DESKTOP)
    page.goto(f"{seed_url}/results/?q=%E4%BB%BB%E5%8A%A1")  # 任务
    wait_done(page)
    assert page.locator("#gz-search-page #gz-search-panel").is_visible()
    assert page.locator("#gz-search-filters select").count() >= 3
    total = total_of(page)
    page.evaluate("() => document.querySelector('#gz-search-results').setAttribute('data-state', 'pending')")
    page.select_option("#gz-search-sort", "date")
    wait_done(page)
    page.wait_for_function("() => document.querySelector('#gz-search-status').textContent.includes('按日期')")
    assert total_of(page) == total
    page.click("article h1")  # a click elsewhere leaves the page's panel open
    assert page.locator("#gz-search-panel").is_visible()
    dates = page.evaluate("""q => window.gazetteSearch.search(q, 100000, {}, true).then(all => {
        const byUrl = new Map(all.map(r => [r.page.url, r.page.date || '']));
        return Array.from(document.querySelectorAll('a.gz-hit')).map(a => byUrl.get(new URL(a.href).pathname.slice(1)));
    })""", "任务")
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
    assert page.errors == []


def test_document_prints_only_the_document_its_card_and_address(tab, seed_url):
    import pypdfium2

    page = tab(PHONE, is_mobile=True)  # the phone has the 本页目录 box on screen
    page.goto(f"{seed_url}{REGULATION}?h=%E5%86%B3%E7%AD%96#art-11")
    assert page.locator(".gz-page-toc").count() == 1
    page.emulate_media(media="print")
    pdf = pypdfium2.PdfDocument(page.pdf(print_background=True))
    text = "".join("".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf)))
    assert text.startswith("阳泉市重大行政决策程序规定") and "文号阳政发〔2020〕7号" in text
    assert f"本页网址：{seed_url}{REGULATION}" in text  # the clean address, no ?h=
    assert "第一条为进一步规范重大行政决策程序" in text and text.endswith("第四十四条本规定自2020年9月1日起施行。")
    for machinery in ("本页目录", "依据：", "本文件引用", "引用本文件的文件", "仅供参考", "搜索", "复制", "首页"):
        assert machinery not in text, machinery


def test_desktop_document_pages_have_breadcrumbs(tab, seed_url):
    page = tab(DESKTOP)
    page.goto(f"{seed_url}{REGULATION}")
    crumbs = page.locator("nav.md-path a.md-path__link")
    assert crumbs.all_inner_texts() == ["首页", "2020年第4期", "政府文件",
                                        "阳泉市人民政府关于印发阳泉市重大行政决策程序规定等重大行政决策制度的通知"]
    assert page.locator("nav.md-path").is_visible()
    crumbs.nth(2).click()
    page.wait_for_url("**/categories/**")
    assert "政府文件" in page.locator("article h1").inner_text()


def test_bulletin_tables_on_a_phone_keep_their_headers_readable(tab, seed_url):
    page = tab(PHONE, is_mobile=True)
    page.goto(f"{seed_url}/2020/04/yzbf-2020-088/1/")
    cells = page.locator("table.gz-table td").evaluate_all(
        "cells => cells.map(c => c.getBoundingClientRect().width / parseFloat(getComputedStyle(c).fontSize))")
    assert cells and min(cells) >= 5  # at least five characters wide: no header one character a line
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # the table box scrolls
    assert "☐ 实时" in page.locator("article").inner_text()


@pytest.fixture(scope="module")
def archive_url(archive_site):
    from tests.support.browser import serve

    server, url = serve(archive_site.site)
    yield url
    server.shutdown()


def test_first_screen_of_a_large_archive_loads_only_the_records_it_shows(tab, archive_url, archive_site):
    """The panel's first screen (30 results, true total) loads the packs of the records it ranks and
    shows, not of every match: a common word matches records in most packs of a large archive."""
    from gazette.search.engine import SearchIndex, parse_ref

    index = SearchIndex(archive_site.site)
    assert not index.meta["prefetch"]  # a large archive: its records are fetched as queries need them
    raw, _ = index.lunr_scores(index.analyse("公开").terms)
    packs_of_matches = {index.places.pack_of(parse_ref(ref)) for ref in raw}
    page = tab(DESKTOP)
    fetched: set[str] = set()
    page.on("request", lambda request: fetched.add(request.url.split("/search/", 1)[1].removesuffix(".js"))
            if "/search/p/" in request.url else None)
    page.goto(f"{archive_url}/?q=%E5%85%AC%E5%BC%80")  # 公开
    wait_done(page)
    assert total_of(page) == len(raw) and page.locator("a.gz-hit").count() == 30
    assert fetched <= packs_of_matches
    assert 2 * len(fetched) < len(packs_of_matches), (len(fetched), len(packs_of_matches))  # shared archive: 13 of 44
    assert load_everything(page) == len(raw)  # paging still reaches every match
