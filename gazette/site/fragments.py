"""Template fragments that are the same on many pages, rendered once per build (`gazette_once` in
gazette/site/overrides/main.html).

Material renders the whole navigation (tabs and sidebar) into every page. On a page outside the
navigation no item is active, so the rendered navigation depends only on the navigation itself and on
the links from that page to the navigation's pages, which are relative (mkdocs' `url` filter): pages
whose links to every navigation page are the same get the same HTML. The key is exactly those links,
so the fragment is reused only where rendering it again would give the same text. A page in the
navigation (its own item is active, its section open) is always rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup
from mkdocs.utils import get_relative_url


def link_key(targets: Iterable[str], url: str) -> tuple[str, ...]:
    """The links from the page at `url` to the navigation's pages (their URLs `targets`), as its templates
    print them: what its navigation fragments depend on."""
    return tuple(get_relative_url(target, url) for target in sorted(set(targets)))


class NavFragments:
    """`gazette_once(name, page)` in a template: the block rendered once per (name, link set)."""

    def __init__(self, nav: Any):
        pages = list(getattr(nav, "pages", []) or [])
        self._in_nav = {page.file.src_uri for page in pages}
        self._targets = sorted({page.url for page in pages})
        self._done: dict[tuple[str, ...], Markup] = {}
        self.used: dict[str, dict[str, str]] = {}  # page -> {fragment name: its text}, for the page cache
        self.reused = 0

    def get(self, name: str, url: str) -> Markup | None:
        """The fragment `name` as rendered this build for a page at `url` outside the navigation, if any."""
        return self._done.get((name, *link_key(self._targets, url)))

    def __call__(self, name: str, page: Any, caller: Callable[[], str]) -> Markup:
        if page is None or getattr(page, "file", None) is None or page.file.src_uri in self._in_nav:
            return Markup(caller())
        key = (name, *link_key(self._targets, page.url))
        done = self._done.get(key)
        if done is None:
            done = self._done[key] = Markup(caller())
        else:
            self.reused += 1
        self.used.setdefault(page.file.src_uri, {})[name] = str(done)
        return done
