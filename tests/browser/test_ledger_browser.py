"""The task ledgers in real Chromium: sorting and filtering, over http and from disk, phone and desktop."""

from __future__ import annotations

from tests.support.browser import screenshot

NDRC = "units/shi-fa-zhan-he-gai-ge-wei-yuan-hui/"


def visible_rows(page):
    return page.locator("table.gz-ledger tbody tr:not([hidden])")


def test_unit_ledger_sorts_and_filters(page, seed_url):
    page.goto(f"{seed_url}/{NDRC}")
    total = page.locator("table.gz-ledger tbody tr").count()
    assert total >= 40
    assert page.locator(".gz-ledger-tools").is_visible()
    assert page.inner_text(".gz-ledger-count") == f"显示 {total} / {total} 项"
    past = page.locator('table.gz-ledger tbody tr[data-state="期限已过"]').count()  # as of the test builds' date
    page.select_option('select[data-filter="state"]', "期限已过")
    assert visible_rows(page).count() == past > 0
    assert page.inner_text(".gz-ledger-count") == f"显示 {past} / {total} 项"
    page.select_option('select[data-filter="state"]', "")
    page.select_option('select[data-filter="role"]', "配合")
    assert 0 < visible_rows(page).count() < total
    assert set(visible_rows(page).evaluate_all("rows => rows.map(r => r.dataset.role)")) == {"配合"}
    page.select_option('select[data-filter="role"]', "")
    # sort by 期限日期: descending puts the latest first, ascending the earliest; undated sort last
    header = page.locator("table.gz-ledger th", has_text="期限日期").locator("button")
    header.click()
    keys = page.locator("table.gz-ledger tbody tr").evaluate_all("rows => rows.map(r => r.dataset.date)")
    dated = [k for k in keys if k]
    assert dated == sorted(dated) and keys[: len(dated)] == dated
    header.click()
    keys = page.locator("table.gz-ledger tbody tr").evaluate_all("rows => rows.map(r => r.dataset.date)")
    assert [k for k in keys if k] == sorted(dated, reverse=True)
    page.fill('input[data-filter="q"]', "投资审批")
    assert 0 < visible_rows(page).count() < total  # the words filter keeps some rows, not all
    screenshot(page, "ledger-unit")
    assert page.errors == []


def test_archive_ledger_filters_by_unit_document_and_window(page, seed_url):
    page.goto(f"{seed_url}/ledger/")
    total = page.locator("table.gz-ledger tbody tr").count()
    assert total >= 200
    page.select_option('select[data-filter="unit"]', "市生态环境局")
    units = visible_rows(page).evaluate_all("rows => rows.map(r => r.dataset.units.split('|'))")
    assert units and all("市生态环境局" in u for u in units)
    page.select_option('select[data-filter="unit"]', "")
    page.select_option('select[data-filter="doc"]', "2020/04/yzbf-2020-086/1/")
    docs = set(visible_rows(page).evaluate_all("rows => rows.map(r => r.dataset.doc)"))
    assert docs == {"2020/04/yzbf-2020-086/1/"}
    page.select_option('select[data-filter="doc"]', "")
    page.fill('input[data-filter="from"]', "2020-10-01")
    page.fill('input[data-filter="to"]', "2020-12-31")
    dates = visible_rows(page).evaluate_all("rows => rows.map(r => r.dataset.date)")
    assert dates and all("2020-10-01" <= d <= "2020-12-31" for d in dates)
    assert page.errors == []


def test_ledger_from_disk_on_a_phone(browser, seed_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((seed_site.site / NDRC / "index.html").as_uri())
    assert page.locator(".gz-ledger-tools").is_visible()
    page.select_option('select[data-filter="state"]', "无明确期限")
    assert visible_rows(page).count() == page.locator('tbody tr[data-state="无明确期限"]').count() > 0
    hrefs = page.locator(".gz-downloads a").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) == 3 and all(h.startswith("file://") for h in hrefs)
    for href in hrefs:
        assert (seed_site.site / NDRC / href.rsplit("/", 1)[1]).exists()
    # the page itself does not scroll sideways; the table scrolls inside its box
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "ledger-unit-phone")
    assert errors == []
    context.close()
