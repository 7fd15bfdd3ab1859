"""The task ledgers in real Chromium: sorting and filtering, over http and from disk, phone and desktop."""

from __future__ import annotations

from urllib.parse import unquote

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
    assert all("配合" in r.split("|") for r in visible_rows(page).evaluate_all("rows => rows.map(r => r.dataset.role)"))
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
    hrefs = page.locator(".gz-downloads a[download]").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) == 3 and all(h.startswith("file://") for h in hrefs)
    for href in hrefs:  # stored under the unit's name: saved from disk, the file keeps it
        name = unquote(href.rsplit("/", 1)[1])
        assert name.startswith("市发展和改革委员会-任务台账.") and (seed_site.site / NDRC / name).exists()
    # the page itself does not scroll sideways; the table scrolls inside its box
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "ledger-unit-phone")
    assert errors == []
    context.close()


def printed(page, url: str):
    """The page as Chromium prints it (its own @page size), with the text of each PDF page."""
    import pypdfium2

    page.goto(url)
    page.emulate_media(media="print")
    pdf = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True, print_background=True))
    sizes = [pdf[i].get_size() for i in range(len(pdf))]
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    return sizes, texts


def test_unit_ledger_prints_on_few_landscape_pages(page, seed_url):
    """47 tasks on at most 6 landscape A4 pages, header repeated, every column readable, no controls."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{seed_url}/{NDRC}")
    rows = page.locator("table.gz-ledger tbody tr").count()
    numbers = page.locator("table.gz-ledger tbody td:last-child").all_inner_texts()
    sizes, texts = printed(page, f"{seed_url}/{NDRC}")
    assert rows == 47 and 1 <= len(sizes) <= 6, (rows, len(sizes))
    assert all(round(w) == 842 and round(h) == 595 for w, h in sizes)  # A4 landscape, in points
    squashed = ["".join(t.split()) for t in texts]
    assert all("任务角色期限（原文）期限日期状态文件文号" in t for t in squashed)  # the header row on every page
    everything = "".join(squashed)
    assert all(n in everything for n in set(numbers))  # 文号 whole (阳政办发〔2020〕80号), not cut to 阳
    assert "推进投资审批制度改革" in everything and "阳泉市推进养老服务发展的实施方案" in everything
    for control in ("下载", "含文字", "CSV", "搜索"):
        assert control not in everything


def test_ledger_document_column_reads_on_screen(page, seed_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{seed_url}/{NDRC}")
    lines = page.locator("table.gz-ledger td.gz-ledger-doc").evaluate_all(
        "cells => cells.map(c => Math.round(c.querySelector('a').getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(c).lineHeight)))")
    assert lines and max(lines) <= 4, max(lines)
    # a task's number never stands alone on the line below its task
    tops = page.locator("table.gz-ledger .gz-task-label").evaluate_all(
        "labels => labels.map(l => Math.abs(l.getBoundingClientRect().top - l.nextElementSibling.getBoundingClientRect().top))")
    assert all(t < 4 for t in tops)
