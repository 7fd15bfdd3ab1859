"""Driving real Chromium in the browser tests: its path and flags, a local server, screenshots, a search."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from gazette.evaluation import chromium_executable

CHROMIUM = chromium_executable()  # $GAZETTE_CHROMIUM, else Debian's /usr/bin/chromium
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def search(page, query: str) -> list[str]:
    page.evaluate("() => document.querySelector('#gz-search-results').setAttribute('data-state', 'pending')")
    page.fill("#gz-search-input", query)
    page.dispatch_event("#gz-search-input", "input")  # also when the text did not change
    page.wait_for_selector('#gz-search-results[data-state="done"]', state="attached", timeout=15_000)
    return page.eval_on_selector_all("#gz-search-results a.gz-hit", "els => els.map(a => a.getAttribute('href'))")
