"""Judging rule for the search evaluation set (README.md of the shared set, see eval_dir()).

A result URL points either at a whole page (no anchor) or at a section (anchor).
``resolve_text`` returns the text that URL points to in a built mkdocs site,
``is_correct`` applies the whitespace-insensitive containment test, and
``score_run`` computes recall@1, recall@10 and MRR, overall and per query kind.

Clause-level judging: the answer to a clause, figure/date, unit, everyday or hard query is a
clause, so only a result with an anchor whose section holds the answer counts; a page without
an anchor counts as its whole page only for title, 文号 and person queries (PAGE_KINDS).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
PARAGRAPH_TAGS = ("p", "li", "dd", "dt", "tr", "td", "blockquote")
_WS = re.compile(r"\s+")  # str regex: \s covers U+3000 and other Unicode spaces
_SKIP_TAGS = {"script", "style", "template", "noscript"}


EVAL_DIR_ENV = "GAZETTE_EVAL_DIR"  # the shared evaluation set (queries_public.json …)
CHROMIUM_ENV = "GAZETTE_CHROMIUM"  # the browser that tests and benchmarks drive
DEBIAN_CHROMIUM = "/usr/bin/chromium"


def eval_dir(repo: Path) -> Path:
    """The shared evaluation set: $GAZETTE_EVAL_DIR, else ../shared/eval beside the checkout `repo`."""
    configured = os.environ.get(EVAL_DIR_ENV)
    return Path(configured) if configured else repo.parent / "shared" / "eval"


def chromium_executable() -> str:
    """Chromium for Playwright: $GAZETTE_CHROMIUM, else Debian's."""
    return os.environ.get(CHROMIUM_ENV) or DEBIAN_CHROMIUM


def normalize(text: str) -> str:
    """Remove all whitespace (incl. full-width U+3000, NBSP, zero-width space)."""
    return _WS.sub("", text).replace("\u200b", "").replace("\ufeff", "")


def is_correct(text: str | None, must_contain: str) -> bool:
    """True when ``must_contain`` occurs in ``text`` once whitespace is removed."""
    return text is not None and normalize(must_contain) in normalize(text)


def url_to_file(site_dir: str | Path, url: str, base: str = "/") -> tuple[Path, str]:
    """Map a result URL to (HTML file in ``site_dir``, decoded anchor or "").

    Accepts absolute URLs (scheme and host are dropped, the path is taken as
    site-root relative), root-relative and relative URLs (resolved against the
    site path ``base`` of the page the link came from; ``..`` cannot escape the
    root), directory URLs (``.../`` -> ``index.html``) and explicit ``.html``.
    """
    parts = urlsplit(url.strip())
    path = unquote(parts.path)
    if not path.startswith("/"):
        base_dir = base if base.endswith("/") else posixpath.dirname(base) + "/"
        path = posixpath.join("/" + base_dir.lstrip("/"), path)
    trailing = path.endswith("/") or path == ""
    path = posixpath.normpath("/" + path).lstrip("/")  # collapses ../ at root
    root = Path(site_dir)
    target = root / path if path not in ("", ".") else root
    if trailing or target.is_dir():
        target = target / "index.html"
    elif not target.suffix and not target.exists():
        target = target.with_name(target.name + ".html")
    return target, unquote(parts.fragment)


@lru_cache(maxsize=512)
def _load(path: str, mtime_ns: int) -> BeautifulSoup:
    """Parse an HTML file once; ``mtime_ns`` invalidates the cache on rebuild."""
    soup = BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")
    for link in soup.select("a.headerlink"):  # Material's ¶ permalinks
        link.decompose()
    return soup


def _content_root(soup: BeautifulSoup) -> Tag:
    """Main content: Material's article, else <main>, else <body>."""
    return soup.select_one("article.md-content__inner") or soup.find("main") or soup.body or soup


def _strings(nodes: Iterable[Any]) -> str:
    """Join visible text strings, skipping comments and script/style contents."""
    return "\n".join(
        str(n) for n in nodes
        if isinstance(n, NavigableString)
        and not isinstance(n, (Comment, Doctype, ProcessingInstruction))
        and not any(p.name in _SKIP_TAGS for p in n.parents))


def section_text(soup: BeautifulSoup, anchor: str) -> str | None:
    """Text of the section under ``anchor``; None when no element has that id.

    For a heading, the section runs to the next heading of the same or higher
    level; an anchored paragraph or item (<p>, <li>, …) is the paragraph itself;
    for any other element, the section runs to the next heading of any level. A
    non-heading anchor whose first text is a heading (``<a id=x></a><h3>`` or
    ``<section id=x><h3>``) is treated as that heading's anchor, since otherwise
    its section would be empty.
    """
    start = soup.find(id=anchor)
    if start is None:
        return None
    if start.name in PARAGRAPH_TAGS and normalize(start.get_text()) and start.find(HEADINGS) is None:
        return _strings(start.descendants)  # an anchored paragraph or item: the paragraph itself
    root = _content_root(soup)
    if not any(p is root for p in start.parents):
        root = soup
    inside = {id(n) for n in root.descendants}  # identity: Tag == is structural
    level = int(start.name[1]) if start.name in HEADINGS else 7
    collected: list[Any] = []
    seen_text = False
    for node in start.next_elements:
        if id(node) not in inside:
            break  # left the content root
        if isinstance(node, Tag) and node.name in HEADINGS:
            if level == 7 and not seen_text:
                level = int(node.name[1])  # anchor adopts the heading it wraps/precedes
            elif int(node.name[1]) <= level:
                break
        elif isinstance(node, NavigableString) and normalize(str(node)):
            seen_text = True
        collected.append(node)
    return _strings(collected)


def resolve_text(site_dir: str | Path, url: str, base: str = "/") -> str | None:
    """Text a result URL points to, or None if the page/anchor does not exist."""
    path, anchor = url_to_file(site_dir, url, base)
    if not path.is_file():
        return None
    soup = _load(str(path.resolve()), path.stat().st_mtime_ns)
    if not anchor:
        return _strings(_content_root(soup).descendants)
    return section_text(soup, anchor)


PAGE_KINDS = frozenset({"title", "doc_number", "person"})  # where a whole page is an answer


def has_anchor(url: str) -> bool:
    return bool(urlsplit(url.strip()).fragment)


def first_correct_rank(site_dir: str | Path, urls: Sequence[str], must_contain: str,
                       kind: str | None = None) -> int | None:
    """1-based rank of the first correct URL in ``urls``, or None. With a ``kind`` outside
    PAGE_KINDS a URL without an anchor never counts (the answer is a clause)."""
    for rank, url in enumerate(urls, start=1):
        if kind is not None and kind not in PAGE_KINDS and not has_anchor(url):
            continue
        if is_correct(resolve_text(site_dir, url), must_contain):
            return rank
    return None


def _metrics(ranks: Sequence[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {
        "n": len(ranks),
        "recall@1": sum(r == 1 for r in ranks) / n,
        "recall@10": sum(r is not None and r <= 10 for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
    }


def score_run(results_per_query: Mapping[str, Sequence[str]],
              queries: Sequence[Mapping[str, Any]],
              site_dir: str | Path) -> dict[str, Any]:
    """Score ranked result URLs per query id against the query set.

    ``site_dir`` is the built site the URLs point into (absolute URLs are
    resolved against its root). Queries without an entry count as misses.
    Returns overall metrics plus ``per_kind`` metrics and ``ranks`` (qid ->
    rank of the first correct result, None if none).
    """
    ranks: dict[str, int | None] = {}
    by_kind: dict[str, list[int | None]] = defaultdict(list)
    for q in queries:
        ranks[q["id"]] = rank = first_correct_rank(
            site_dir, results_per_query.get(q["id"], []), q["expect"]["must_contain"], q.get("kind"))
        by_kind[q["kind"]].append(rank)
    return {
        **_metrics(list(ranks.values())),
        "per_kind": {k: _metrics(v) for k, v in sorted(by_kind.items())},
        "ranks": ranks,
    }
