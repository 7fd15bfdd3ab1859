"""WCAG 2.1 AA with axe-core (the npm package, pinned in package.json) injected into real Chromium.

Every page type, phone and desktop: zero violations of any impact, axe's best-practice rules included
(landmark-unique: every <nav>, search and table region of a page has a name of its own). The search box is also
checked open, with a result chosen by keyboard (the ARIA combobox pattern).
"""

from __future__ import annotations

import pytest

from tests.support import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGES = {
    "home": "/",
    "issue": "/2020/04/",
    "document": "/2020/04/yzf-2020-007/",
    "embedded-regulation": "/2020/04/yzf-2020-007/1/",
    "unit": "/units/shi-wei-sheng-jian-kang-wei-yuan-hui/",
    "unit-ledger-with-calendar": "/units/shi-fa-zhan-he-gai-ge-wei-yuan-hui/",
    "ledger": "/ledger/",
    "calendar": "/ledger/calendar/",
    "results-page": "/results/?q=%E5%86%B3%E7%AD%96",
    "document-with-form-tables": "/2020/04/yzbf-2020-088/1/",
    "feed-index": "/topics/",
    "people": "/people/",
    "dates": "/dates/",
    "help": "/help/",
    "404": "/404.html",
    "landing-from-search": "/2020/04/yzf-2020-007/1/?h=%E5%86%B3%E7%AD%96#art-34",
}
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def axe(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE.relative_to(REPO)}): run `npm ci` (make setup does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", RULE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in result["violations"]]


@pytest.fixture(scope="module")
def tab(browser):
    pages = {}
    for name, viewport in VIEWPORTS.items():
        # axe-core is injected as an inline script, which the site's CSP rightly refuses: the audit
        # context bypasses the policy (tests/browser/test_csp.py checks the policy itself).
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        pages[name] = context.new_page()
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_violations(tab, seed_url, kind, viewport):
    page = tab[viewport]
    page.goto(seed_url + PAGES[kind])
    page.wait_for_load_state("load")
    assert axe(page) == []


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_search_combobox_open_with_a_chosen_result(tab, seed_url, viewport):
    page = tab[viewport]
    page.goto(f"{seed_url}/2020/04/")
    page.fill("#gz-search-input", "托育")
    page.wait_for_selector("a.gz-hit", timeout=15_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    search = page.locator("#gz-search-input")
    assert search.get_attribute("role") == "combobox"
    assert search.get_attribute("aria-expanded") == "true"
    assert page.locator("#" + search.get_attribute("aria-controls")).get_attribute("role") == "listbox"
    chosen = search.get_attribute("aria-activedescendant")
    assert chosen and page.locator(f"#{chosen}").get_attribute("aria-selected") == "true"
    assert page.locator(f"#{chosen}").get_attribute("role") == "option"
    assert axe(page) == []
    page.keyboard.press("Escape")
    assert search.get_attribute("aria-expanded") == "false"
    assert search.get_attribute("aria-activedescendant") is None


def test_contrast_of_header_links_and_labels(tab, seed_url):
    """The palette itself (1.4.3), not only axe's verdict: white on the header ≥ 4.5, red links ≥ 4.5."""
    page = tab["desktop"]
    page.goto(f"{seed_url}/2020/04/yzf-2020-007/1/")
    ratios = page.evaluate("""() => {
      const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
      const lum = c => { const v = rgb(c).map(x => x / 255).map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
                         return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const header = getComputedStyle(document.querySelector('.md-header')).backgroundColor;
      const link = getComputedStyle(document.querySelector('article .gz-card a')).color;
      return {header: ratio('rgb(255,255,255)', header), link: ratio(link, 'rgb(255,255,255)')};
    }""")
    assert ratios["header"] >= 4.5 and ratios["link"] >= 4.5, ratios


WORK = "/works/yang-quan-shi-zhong-da-xing-zheng-jue-ce-cheng-xu-gui-ding/"


@pytest.fixture(scope="module")
def three_issue_url(three_issue_site):
    from tests.support.browser import serve

    server, url = serve(three_issue_site.site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", [WORK, WORK + "2/", "/2021/01/yzf-2021-001/"])
def test_work_pages_and_a_compiled_version_have_no_violations(tab, three_issue_url, path, viewport):
    """The work page, the text of a version built from a decision's edits, and that decision."""
    page = tab[viewport]
    page.goto(three_issue_url + path)
    page.wait_for_load_state("load")
    assert page.locator("article h1").count() == 1
    assert axe(page) == []
