"""The hostile bulletins in real Chromium: every page over http and from disk, and searches that
reach them: no dialog, no script error, no CSP violation, the hostile text shown as text."""

from __future__ import annotations

import pytest

from tests.support.browser import serve
from tests.support.site import squash


def _visit_all(page, project, base: str | None) -> int:
    visited = 0
    for path in sorted(project.site.rglob("*.html")):
        relative = path.relative_to(project.site).as_posix()
        page.goto(f"{base}/{relative}" if base else path.as_uri())
        visited += 1
    return visited


# Half the rotations over http, the other half from disk: together every payload in every field.
@pytest.mark.parametrize("over", ["http", "file"])
def test_every_page_of_every_hostile_site_is_inert(page, hostile_sites, over):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    half = len(hostile_sites) // 2
    visited = 0
    for _bulletin, project in hostile_sites[:half] if over == "http" else hostile_sites[half:]:
        server, url = serve(project.site) if over == "http" else (None, None)
        try:
            visited += _visit_all(page, project, url)
            page.goto("about:blank")  # no request of the last page still open when the server stops
        finally:
            if server:
                server.shutdown()
    assert visited >= half * 14
    assert dialogs == [] and page.errors == []


def test_searches_that_reach_hostile_text_stay_inert(page, hostile_sites):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for bulletin, project in hostile_sites[:4]:
        server, url = serve(project.site)
        try:
            page.goto(f"{url}/")
            for query in ("测试办法", "alert", "script", "局长", "清单"):
                page.fill("#gz-search-input", "")
                page.fill("#gz-search-input", query)
                page.wait_for_selector('#gz-search-results[data-state="done"]')
                results = page.locator("#gz-search-results")
                assert results.locator("script, img, iframe, [onerror]").count() == 0, query
            page.fill("#gz-search-input", "测试办法")
            page.wait_for_selector('#gz-search-results[data-state="done"]')
            shown = squash(page.inner_text("#gz-search-results"))
            assert squash(bulletin.values["title"]) in shown, (bulletin.values["title"], shown[:300])
        finally:
            server.shutdown()
    assert dialogs == [] and page.errors == []
