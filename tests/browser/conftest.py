"""Real Chromium (Debian's, driven by Playwright) against sites served on localhost."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette.evaluation import CHROMIUM_ENV
from tests.support.browser import ARGS, CHROMIUM, serve


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: `make test` installs Debian's (apt-get install chromium), "
                    f"or set {CHROMIUM_ENV}; `pytest -m \"not browser\"` runs the other tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def seed_url(seed_site):
    server, url = serve(seed_site.site)
    yield url
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()

