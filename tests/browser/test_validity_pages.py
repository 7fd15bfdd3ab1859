"""时效 in real Chromium: the banner and the evidence link on phone and desktop, the 时效 page over file://."""

from __future__ import annotations

import pytest

from tests.support import AS_OF
from tests.support.browser import screenshot

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("size", SIZES)
def test_lapsed_page_banner_and_evidence(browser, seed_url, size):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{seed_url}/2020/04/yzf-2020-008/1/")
        banner = page.locator("article .gz-banner")
        assert banner.is_visible() and "已失效" in banner.inner_text()
        assert banner.bounding_box()["y"] < SIZES[size]["height"]  # at the top, without scrolling
        assert f"时效判断日期 {AS_OF.isoformat()}" in page.inner_text("article")
        card = page.inner_text("dl.gz-card")
        assert "施行日期" in card and "2020年9月20日" in card and "有效期至" in card and "2025年9月19日" in card
        screenshot(page, f"validity-lapsed-{size}")
        banner.locator('a[href="#art-15"]').click()
        assert page.url.endswith("#art-15")
        assert page.locator("#art-15").is_visible()
        assert errors == []
    finally:
        context.close()


def test_validity_page_from_disk(page, seed_site):
    page.goto((seed_site.site / "validity" / "index.html").as_uri())
    text = page.inner_text("article")
    assert "已失效（9）" in text and "阳泉市行政规范性文件清理规定" in text
    link = page.locator("article a", has_text="阳泉市行政规范性文件清理规定").first
    assert link.get_attribute("href") == "../2020/04/yzf-2020-008/6/index.html"  # rewritten for file://
    assert page.locator("article a", has_text="下载 CSV").get_attribute("href") == "validity.csv"
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/2020/04/yzf-2020-008/6/index.html")
    assert "已失效" in page.inner_text("article .gz-banner")
    assert page.errors == []
