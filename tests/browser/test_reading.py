"""The reader's experience (issue 11): copy-link, Enter, ?q= in the address, file://, 404, phone 目录, tables.

Phone = 390x844, desktop = 1280x900; over http (the seed site served on localhost) and from disk.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.browser import screenshot

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DOC_84 = "/2020/04/yzbf-2020-084/"


@pytest.fixture
def context_factory(browser):
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        return tab

    yield make
    for context in contexts:
        context.close()


def file_url(seed_site, path: str = "index.html") -> str:
    return (seed_site.site / path).resolve().as_uri()


def wait_results(page):
    page.wait_for_selector('#gz-search-results[data-state="done"]', state="attached", timeout=15_000)


# 1 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_copy_link_after_search_copies_the_clean_clause_url(context_factory, seed_url, viewport):
    page = context_factory(viewport, permissions=["clipboard-read", "clipboard-write"])
    base = f"{seed_url}/2020/04/yzf-2020-007/1/"
    page.goto(base + "?h=%E5%86%B3%E7%AD%96%20%E8%8D%89%E6%A1%88#art-34")
    assert page.locator("mark.gz-mark").count() > 0  # arrived from search: highlighted
    page.focus("#art-34 a.gz-copy")  # reachable by keyboard, and visible while focused
    page.wait_for_function("() => getComputedStyle(document.querySelector('#art-34 a.gz-copy')).opacity === '1'")
    box = page.locator("#art-34 a.gz-copy").bounding_box()
    assert box["width"] >= 20 and box["height"] >= 20
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#art-34 a.gz-copy').hasAttribute('data-copied')")
    assert page.evaluate("navigator.clipboard.readText()") == base + "#art-34"
    assert page.url == base + "#art-34"


# 2 ------------------------------------------------------------------------------------------------
def test_enter_opens_the_first_result_of_the_query_in_the_box_not_a_stale_one(page, seed_url):
    page.goto(f"{seed_url}/")
    page.fill("#gz-search-input", "托育")
    wait_results(page)
    stale = page.locator("a.gz-hit").first.get_attribute("href")
    assert DOC_84 not in stale
    page.fill("#gz-search-input", "阳政办发〔2020〕84号")  # pasted, Enter at once
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/yzbf-" in url)
    assert urlsplit(page.url).path == DOC_84


@pytest.mark.parametrize("kind", ["http", "file"])
def test_paste_and_enter_on_a_fresh_page_works_the_first_time(page, seed_url, seed_site, kind):
    page.goto(f"{seed_url}/2020/04/" if kind == "http" else file_url(seed_site, "2020/04/index.html"))
    page.fill("#gz-search-input", "阳政办发〔2020〕84号")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/yzbf-" in url)
    assert DOC_84 in urlsplit(page.url).path
    assert "阳政办发〔2020〕84号" in page.inner_text("dl.gz-card")


def test_enter_during_ime_composition_does_not_navigate(page, seed_url):
    page.goto(f"{seed_url}/")
    page.fill("#gz-search-input", "托育")
    wait_results(page)
    before = page.url
    page.evaluate("""() => document.getElementById('gz-search-input').dispatchEvent(
        new KeyboardEvent('keydown', {key: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true}))""")
    page.wait_for_timeout(500)
    assert page.url == before
    page.keyboard.press("Enter")  # the Enter after composition does open the first result
    page.wait_for_url(lambda url: url.split("?")[0] != before.split("?")[0])


# 3 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["http", "file"])
def test_address_bar_follows_the_query_and_back_returns_to_it(page, seed_url, seed_site, kind):
    page.goto(f"{seed_url}/help/" if kind == "http" else file_url(seed_site, "help/index.html"))
    for query in ("托育", "托育 补贴"):
        page.fill("#gz-search-input", query)
        page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=query)
        wait_results(page)
        assert parse_qs(urlsplit(page.url).query)["q"] == [query]
    shared = page.url
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.split("?")[0] != shared.split("?")[0])
    page.go_back()
    page.wait_for_selector("a.gz-hit", timeout=15_000)
    assert page.url == shared
    assert page.input_value("#gz-search-input") == "托育 补贴"
    page.fill("#gz-search-input", "")
    page.dispatch_event("#gz-search-input", "input")
    page.wait_for_function("() => !location.search.includes('q=')")


# 4 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_from_disk_every_link_and_asset_works(context_factory, seed_site, viewport):
    page = context_factory(viewport)
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(file_url(seed_site, "2020/04/yzf-2020-007/1/index.html"))
    links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    local = [h.split("#")[0].split("?")[0] for h in links if h.startswith("file:")]
    assert local and all(h.endswith(".html") for h in local), [h for h in local if not h.endswith(".html")][:5]
    assert page.eval_on_selector(".md-header .md-logo", "a => a.href") == file_url(seed_site)
    if viewport is DESKTOP:
        with page.expect_navigation():
            page.click(".md-tabs__link >> text=首页")
    else:  # the drawer's 首页
        page.click("label.md-header__button[for=__drawer]")
        with page.expect_navigation():
            page.click(".md-nav--primary a.md-nav__link >> text=首页")
    assert page.url == file_url(seed_site)
    assert "最新一期" in page.inner_text("article")
    assert failed == []


def test_404_page_from_disk_loads_its_styles_and_scripts_and_leads_home(page, seed_site):
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(file_url(seed_site, "404.html"))
    assert failed == []
    sheets = page.evaluate("Array.from(document.styleSheets).filter(s => s.href).length")
    assert sheets >= 3
    assert page.evaluate("typeof window.gazetteSearch") == "object"  # search.js ran
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    with page.expect_navigation():
        page.click("article >> text=返回首页")
    assert page.url == file_url(seed_site)


# 5 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_404_is_chinese_with_search_and_a_way_home(context_factory, seed_url, viewport):
    page = context_factory(viewport)
    page.goto(f"{seed_url}/404.html")
    text = page.inner_text("article")
    assert "页面不存在" in text and "Not found" not in text
    assert page.locator("article a", has_text="返回首页").count() == 1
    screenshot(page, f"404-{viewport['width']}")
    # the search box in the page works without script too: it submits ?q= to the home page
    page.fill("#gz-404-q", "托育")
    with page.expect_navigation():
        page.click("article button[type=submit]")
    assert urlsplit(page.url).path == "/" and parse_qs(urlsplit(page.url).query)["q"] == ["托育"]
    page.wait_for_selector("a.gz-hit", timeout=15_000)
    assert page.input_value("#gz-search-input") == "托育"


# 6 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["http", "file"])
def test_phone_readers_get_a_page_toc_to_jump_within_a_long_plan(context_factory, seed_url, seed_site, kind):
    page = context_factory(PHONE)
    page.goto(f"{seed_url}/2020/04/yzbf-2020-080/1/" if kind == "http"
              else file_url(seed_site, "2020/04/yzbf-2020-080/1/index.html"))
    assert page.evaluate("document.documentElement.scrollHeight / innerHeight") > 10  # a long page
    assert not page.locator(".md-sidebar--secondary").is_visible()
    toc = page.locator("details.gz-page-toc")
    assert toc.is_visible()
    toc.locator("summary").click()
    entries = toc.locator("a")
    assert entries.count() >= 10
    last = entries.nth(entries.count() * 2 // 3)
    anchor = last.get_attribute("href")
    last.click()
    page.wait_for_function("h => location.hash === h", arg=anchor)
    target = page.locator(anchor.replace("#", "[id='", 1) + "']")
    top = target.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2
    assert page.evaluate("scrollY") > 5 * PHONE["height"]
    screenshot(page, f"phone-toc-{kind}")


def test_desktop_keeps_the_right_hand_toc_and_hides_the_page_toc(page, seed_url):
    page.goto(f"{seed_url}/2020/04/yzbf-2020-080/1/")
    assert page.locator(".md-sidebar--secondary").is_visible()
    assert page.locator("details.gz-page-toc").count() == 1
    assert not page.locator("details.gz-page-toc").is_visible()


# 9 ------------------------------------------------------------------------------------------------
LINES_OF = """(texts) => {
  const out = {};
  for (const td of document.querySelectorAll('table.gz-list td')) {
    const text = td.textContent.trim();
    if (!texts.includes(text) || text in out) continue;
    const range = document.createRange();
    range.selectNodeContents(td);
    const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
    out[text] = tops.size;
  }
  return out;
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path, texts", [
    ("people/", ["杨慧新", "阳政任字〔2020〕20号", "2020-08-11"]),
    ("dates/", ["阳政发〔2020〕8号", "2020-08-31"]),
    ("", ["阳政发〔2020〕6号", "2020-07-30", "2020年第4期"]),
])
def test_tables_never_break_names_doc_numbers_or_dates(context_factory, seed_url, viewport, path, texts):
    page = context_factory(viewport)
    page.goto(f"{seed_url}/{path}")
    lines = page.evaluate(LINES_OF, texts)
    assert lines == {text: 1 for text in texts}
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"table-{path.strip('/') or 'home'}-{viewport['width']}")


# 8 ------------------------------------------------------------------------------------------------
def test_note_stands_where_the_text_breaks_off(page, seed_url):
    page.goto(f"{seed_url}/2020/04/yzf-2020-007/1/#art-34")
    note = page.locator(".gz-note", has_text="第三十四条 在此处中断")
    assert note.count() == 1
    before = note.evaluate("n => n.previousElementSibling.textContent")
    assert before.endswith("可以先决定中止执行；")  # after the third paragraph, where the cut is
    after_heading = page.evaluate("""() => {
      const out = []; let e = document.getElementById('art-34').nextElementSibling;
      while (e && !e.classList.contains('gz-note')) { out.push(e.tagName); e = e.nextElementSibling; }
      return out; }""")
    assert after_heading == ["P", "P", "P"]


@pytest.mark.parametrize("kind", ["http", "file"])
def test_search_landing_marks_whole_numbers_only(page, seed_url, seed_site, kind):
    page.goto(f"{seed_url}/" if kind == "http" else file_url(seed_site))
    page.fill("#gz-search-input", "第三十四条 中止执行")
    page.wait_for_selector("a.gz-hit", timeout=15_000)
    page.locator("a.gz-hit").first.click()
    page.wait_for_url(lambda url: "#art-34" in url)
    marks = page.locator("mark.gz-mark")
    assert marks.count() > 0
    texts = marks.all_inner_texts()
    assert "第三十四条" in texts and "中止执行" in texts
    # 第三十五条 (a cross-reference inside 第三十四条) is not marked in part
    partial = page.evaluate("""() => Array.from(document.querySelectorAll('mark.gz-mark')).filter(m => {
      const next = m.nextSibling && m.nextSibling.nodeType === 3 ? m.nextSibling.nodeValue.charAt(0) : '';
      return /[0-9一二三四五六七八九十百]$/.test(m.textContent) && /^[0-9一二三四五六七八九十百]/.test(next);
    }).map(m => m.textContent + m.nextSibling.nodeValue.slice(0, 3))""")
    assert partial == []
    paragraph = page.locator("p", has_text="本规定第三十五条规定的情形")
    assert "第三十五条" not in " ".join(paragraph.locator("mark").all_inner_texts())
