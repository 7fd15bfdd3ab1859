"""Reading a built site back: page texts, links and ids; comparing two trees."""

from __future__ import annotations

import filecmp
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


@lru_cache(maxsize=512)
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_text(path: Path) -> str:
    """Whitespace-free text of the page's article (what a reader sees as the document)."""
    article = soup(path).select_one("article") or soup(path)
    return squash(article.get_text())


def front_matter(markdown: Path) -> dict:
    text = markdown.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def html_for(site: Path, md_relative: str) -> Path:
    """docs/a/b/index.md -> site/a/b/index.html."""
    return site / md_relative.replace(".md", ".html") if md_relative.endswith("index.md") else \
        site / md_relative[:-3] / "index.html"


def internal_links(site: Path):
    """(page, href, target file, anchor) for every relative link in the built site."""
    for page in sorted(site.rglob("*.html")):
        for a in soup(page).find_all("a", href=True):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):  # root-absolute (404.html): relative to the site root
                target = Path(posixpath.normpath(str(site) + unquote(parts.path)))
            else:
                target = Path(posixpath.normpath(posixpath.join(str(page.parent), unquote(parts.path))))
                if href.split("#")[0].endswith("/") or target.is_dir():
                    target = target / "index.html"
            yield page, href, target, unquote(parts.fragment)


def ids(path: Path) -> set[str]:
    return {el["id"] for el in soup(path).find_all(id=True)}

def assert_same_tree(comparison: filecmp.dircmp) -> None:
    assert not comparison.left_only and not comparison.right_only, (comparison.left_only, comparison.right_only)
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    assert mismatch == [] and errors == [], (comparison.left, mismatch)
    for sub in comparison.subdirs.values():
        assert_same_tree(sub)
