"""A citizen on a phone: home -> 按主题浏览 -> a topic -> a document -> back; tags lead back to the topic."""

from __future__ import annotations

from tests.support.browser import screenshot


def test_phone_walks_home_topic_document_and_back(browser, seed_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(f"{seed_url}/")
        topics = page.locator("ul.gz-home-topics a")
        assert topics.count() >= 10
        welfare = page.locator("ul.gz-home-topics a", has_text="民政、扶贫、救灾")
        welfare.scroll_into_view_if_needed()
        assert welfare.is_visible()
        screenshot(page, "topics-home-phone")
        with page.expect_navigation():
            welfare.tap()
        assert page.url.endswith("/topics/minzheng-fupin-jiuzai/")
        assert page.locator("h1").inner_text() == "民政、扶贫、救灾"
        plan = page.locator("table.gz-topic-list a", has_text="阳泉市推进养老服务发展的实施方案").first
        plan.scroll_into_view_if_needed()
        assert plan.is_visible()
        assert "制定本实施方案" in page.inner_text("table.gz-topic-list")
        screenshot(page, "topics-topic-phone")
        with page.expect_navigation():
            plan.tap()
        assert "/2020/04/yzbf-2020-083/" in page.url
        tags = page.locator("nav.md-tags a.md-tag")
        assert tags.first.inner_text() == "民政、扶贫、救灾" and tags.first.is_visible()
        screenshot(page, "topics-document-phone")
        page.go_back()
        assert page.url.endswith("/topics/minzheng-fupin-jiuzai/")
        page.go_back()
        assert page.url == f"{seed_url}/"
        assert page.locator("#topics").is_visible() or page.locator("ul.gz-home-topics").count() == 1
        # a document's tag leads to its topic page
        page.goto(f"{seed_url}/2020/04/yzbf-2020-083/1/")
        with page.expect_navigation():
            page.locator("nav.md-tags a.md-tag", has_text="社会福利").tap()
        assert page.url.endswith("/topics/minzheng-fupin-jiuzai/")
        assert errors == []
    finally:
        context.close()


def test_topic_pages_work_from_disk(page, seed_site):
    page.goto((seed_site.site / "topics" / "index.html").as_uri())
    link = page.locator("ul.gz-topics a", has_text="人口与计划生育、妇女儿童工作")
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/topics/renkou-funv-ertong/index.html")
    rows = page.locator("table.gz-topic-list tbody tr")
    assert rows.count() >= 3
    feed = page.locator('link[rel~="alternate"][type="application/atom+xml"]').get_attribute("href")
    assert feed == "../../feeds/topics/renkou-funv-ertong.xml"
    with page.expect_navigation():
        rows.first.locator("a").first.click()
    assert page.url.startswith("file://") and page.url.endswith("/index.html")
    assert page.errors == []
