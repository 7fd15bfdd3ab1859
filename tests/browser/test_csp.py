"""The Content-Security-Policy keeps the site working (search, highlight, copy-link, navigation)
over http and from disk, and stops a script the build did not emit."""

from __future__ import annotations

import shutil

import pytest

from tests.support.browser import serve


def _open(page, seed_site, seed_url, over: str, path: str) -> None:
    if over == "http":
        page.goto(f"{seed_url}/{path}")
    else:
        page.goto((seed_site.site / path / "index.html").as_uri() if path else (seed_site.site / "index.html").as_uri())


@pytest.mark.parametrize("over", ["http", "file"])
def test_search_highlight_copy_link_and_navigation_work_under_the_policy(page, seed_site, seed_url, over):
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    _open(page, seed_site, seed_url, over, "")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    page.fill("#gz-search-input", "一局一委一中心一公司")
    page.wait_for_selector("#gz-search-results a.gz-hit")
    with page.expect_navigation():
        page.locator("a.gz-hit").first.click()
    assert page.locator("mark.gz-mark").count() > 0  # highlight ran
    anchor = page.url.split("#", 1)[1]
    page.locator(f"[id='{anchor}']").hover()
    page.click(f"[id='{anchor}'] a.gz-copy")
    assert page.url.endswith(f"#{anchor}")
    with page.expect_navigation():
        page.locator(".md-tabs__link", has_text="责任单位").click()
    assert "按责任单位浏览" in page.inner_text("article")
    assert violations == [] and page.errors == []


@pytest.mark.parametrize("over", ["http", "file"])
def test_a_script_the_build_did_not_emit_does_not_run(page, seed_site, tmp_path, over):
    site = tmp_path / "site"
    shutil.copytree(seed_site.site, site)
    target = site / "help" / "index.html"
    html = target.read_text(encoding="utf-8")
    target.write_text(html.replace("</article>", "<script>window.__injected = 1</script></article>", 1),
                      encoding="utf-8")
    server, url = serve(site) if over == "http" else (None, None)
    try:
        page.goto(f"{url}/help/" if url else target.as_uri())
        assert page.evaluate("typeof window.__injected") == "undefined"
        assert any("Content Security Policy" in e for e in page.errors)
        assert page.evaluate("typeof window.gazetteSearch") == "object"  # the site's own scripts ran
    finally:
        if server:
            server.shutdown()
