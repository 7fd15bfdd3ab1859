"""A new city's site (`gazette new`, 晋中 fixture) in Chromium: named for its city, search works over http
and from disk, on a phone and a desktop, with the lunr.js the package ships."""

from __future__ import annotations

import io
import shutil

import pytest

from gazette.build.pipeline import BuildOptions, run_build
from gazette.site.scaffold import new_site
from tests.support import BULLETINS
from tests.support.browser import screenshot, search, serve

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def jinzhong_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("jinzhong") / "site-root"
    new_site(root, "晋中市人民政府公报")
    shutil.copyfile(BULLETINS / "jinzhong-2021-02.txt", root / "bulletins" / "2021-02.txt")
    out = io.StringIO()
    assert run_build(BuildOptions(root=root, quiet=True, out=out)) == 0, out.getvalue()
    return root / "site"


@pytest.fixture(scope="module")
def jinzhong_url(jinzhong_site):
    server, url = serve(jinzhong_site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("size", SIZES)
def test_new_city_site_searches_over_http_and_from_disk(browser, jinzhong_site, jinzhong_url, size):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        for start in (f"{jinzhong_url}/", (jinzhong_site / "index.html").as_uri()):
            page.goto(start)
            assert page.title().endswith("晋中市人民政府公报")
            hits = search(page, "城市供热期")
            assert hits and "/2021/02/jzsrmzfl-003/1/" in hits[0] and hits[0].endswith("#art-8"), hits
            assert page.evaluate("window.lunr && window.lunr.version") == "2.3.9"
        screenshot(page, f"new-site-search-{size}")
        with page.expect_navigation():
            page.locator("a.gz-hit").first.click()
        assert page.url.endswith("#art-8")
        assert "本市城市供热期为每年11月1日至次年3月31日" in page.locator("#art-8").locator("xpath=..").inner_text()
        assert errors == []
    finally:
        context.close()
