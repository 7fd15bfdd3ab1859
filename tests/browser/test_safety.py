"""Bulletin text is data: markup characters render literally and no script from the text runs."""

from __future__ import annotations

import pytest

from tests.support import BULLETINS
from tests.support.browser import screenshot, serve


@pytest.fixture(scope="module")
def safety_url(tmp_path_factory):
    from tests.support import Project

    project = Project(tmp_path_factory.mktemp("safety"))
    project.add(BULLETINS / "safety.txt", "2021-01.txt")
    assert project.build() == 0, project.log
    server, url = serve(project.site)
    yield url
    server.shutdown()


def test_markup_in_the_bulletin_renders_literally(page, safety_url):
    page.goto(f"{safety_url}/2021/01/czf-2021-001/")
    text = page.inner_text("article")
    for literal in ("*不是斜体*", "_也不是_", "# 不是标题", "| 甲 | 乙 |", "<script>window.__xss=1</script>",
                    "[链接](http://example.com)", "&amp;", "&lt;b&gt;", "{#伪造 .class}",
                    '<img src=x onerror="window.__xss=2">', "1. 这一行以“1.”开头"):
        assert literal in text, literal
    assert page.evaluate("window.__xss") is None
    article = page.locator("article")
    assert article.locator("script").count() == 0 and article.locator("img").count() == 0
    assert article.locator("em").count() == 0 and article.locator("table").count() == 0
    screenshot(page, "safety-notice")
    page.goto(f"{safety_url}/2021/01/czf-2021-001/1/")
    text = page.inner_text("article")
    assert "**转义**" in text and "`代码`" in text and "<b>粗体</b>" in text and "\\反斜杠\\" in text and "&copy;" in text
    assert page.locator("article b").count() == 0 and page.locator("article code").count() == 0
    assert page.errors == []


def test_search_results_escape_the_text(page, safety_url):
    page.goto(f"{safety_url}/")
    page.fill("#gz-search-input", "script")
    page.wait_for_selector('#gz-search-results[data-state="done"]')
    assert page.evaluate("window.__xss") is None
    assert page.locator("#gz-search-results script, #gz-search-results img").count() == 0
    assert page.errors == []
