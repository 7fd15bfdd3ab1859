"""A document page, a unit page and the issue page, in real Chromium (screenshots in test-artifacts/)."""

from __future__ import annotations

from tests.support.browser import screenshot


def test_document_page(page, seed_url):
    page.goto(f"{seed_url}/2020/04/yzf-2020-007/1/#art-12")
    assert page.title().startswith("阳泉市重大行政决策程序规定")
    card = page.inner_text("dl.gz-card")
    assert "阳政发〔2020〕7号" in card and "2020年8月12日" in card and "政府文件" in card and "有效" in card
    article = page.locator("#art-12")
    assert article.is_visible()
    assert "决策草案等材料应当提前 3 日送与会代表" in page.inner_text("article")
    assert page.locator("h3#art-17").count() == 1
    toc = page.inner_text(".md-sidebar--secondary")
    assert "第一章 总 则" in toc and "第四十四条" in toc
    # the note at the spot where the source text breaks off
    assert "原文疑有缺漏" in page.inner_text("article")
    screenshot(page, "document-page")
    assert page.errors == []


def test_copy_link(page, seed_url, browser):
    page.goto(f"{seed_url}/2020/04/yzf-2020-007/1/")
    page.hover("#art-17")
    page.click("#art-17 a.gz-copy")
    assert page.url.endswith("#art-17")


def test_unit_page(page, seed_url):
    page.goto(f"{seed_url}/units/shi-wei-sheng-jian-kang-wei-yuan-hui/")
    text = page.inner_text("article")
    assert "市卫生健康委员会（市卫健委）" in text and "牵头的任务" in text
    first_task = page.locator("table.gz-ledger tbody td:first-child a").first
    href = first_task.get_attribute("href")
    assert "#" in href
    screenshot(page, "unit-page")
    with page.expect_navigation():
        first_task.click()
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.errors == []


def test_issue_page_reproduces_the_printed_toc(page, seed_url):
    page.goto(f"{seed_url}/2020/04/")
    text = page.inner_text("article")
    assert "【政府文件】" in text and "【人事任免】" in text and "【市政府办公室文件】" in text
    entries = page.locator("p.gz-toc-entry")
    assert entries.count() == 26
    assert "（阳政办发〔2020〕79号）" in entries.nth(13).inner_text() and "（48）" in entries.nth(13).inner_text()
    screenshot(page, "issue-page")
    with page.expect_navigation():
        entries.nth(13).locator("a").click()
    assert page.url.endswith("/2020/04/yzbf-2020-079/")
    assert "阳政办发〔2017〕145号" in page.inner_text("dl.gz-card")
    assert page.errors == []
