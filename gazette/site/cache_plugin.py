"""mkdocs plugin `gazette-cache`: reuse what did not change between builds.

mkdocs has no incremental build. This plugin keeps, per page, (1) the HTML its Markdown
converted to and (2) the whole page it rendered to. (1) is reused when the page's Markdown
is unchanged; (2) when, in addition, nothing the templates see changed (navigation, theme,
configuration), in which case the page is printed from the cache by a one-line template
instead of rendering Material's templates again.

With `skip_unchanged` (set by `gazette build`, which then runs mkdocs with `dirty=True`), a page
that is not in the navigation and whose source file is unchanged does not go through mkdocs at
all: event `files` marks its file unmodified, so mkdocs neither reads, converts nor renders it;
its page is written from the cache at `post_build`. Its key is everything its page is made of:
the source file (Markdown and front-matter), the configuration, theme and package; the entry also
records the navigation it was rendered with (the navigation's configuration and the titles of the
pages it lists; a page outside the navigation has no previous and next page). When only the
navigation changed (the first issue of a new year), the page's navigation fragments (tabs and
sidebar, gazette/site/fragments.py: the same on every page with the same links to the navigation's
pages) are replaced by the new ones, rendered this build by one page with the same links that goes
through mkdocs. What other pages take from a skipped page — the tag listing (Material's `tags`
plugin lists every tagged page by title) — is handed to that plugin from the cache at `env`.
A page that is converted has its large generated HTML blocks set aside meanwhile (gazette/site/rawhtml.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from gazette.fingerprint import cache_fingerprint
from gazette.site.fragments import NavFragments, link_key
from gazette.site.plugin import OVERRIDES
from gazette.site.rawhtml import Aside, set_aside

_PLACEHOLDER = "<!-- gazette-cache -->"
FORMAT_VERSION = 3  # raise when what an entry holds changes shape
CACHED_TEMPLATE = "gazette-cached.html"
_LISTING = "<!-- material/tags"  # a page holding a tag listing shows every tagged page: always rendered
_TEMPLATE_SETTINGS = ("site_name", "site_description", "site_url", "use_directory_urls", "extra", "extra_css",
                      "extra_javascript", "copyright", "repo_url")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class PageCacheConfig(base.Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/pages")  # relative to mkdocs.yml; the build pipeline sets its own
    # Unchanged pages outside the navigation skip mkdocs (only with mkdocs' build(dirty=True): gazette build)
    skip_unchanged = c.Type(bool, default=False)
    # The previous build of this site: a skipped page identical to its file there is linked to it
    reuse_from = c.Type(str, default="")


class PageCachePlugin(BasePlugin[PageCacheConfig]):
    def __init__(self) -> None:
        self.hits = 0  # Markdown conversions reused
        self.misses = 0
        self.rendered_hits = 0  # whole pages reused
        self.skipped = 0  # pages that did not go through mkdocs at all
        self.spliced = 0  # of them, pages whose navigation fragments were replaced (the navigation changed)
        self._skipped: dict[str, tuple[Any, dict[str, Any], bool]] = {}  # src_uri -> (file, entry, splice)
        self._nav_fingerprint = ""
        self._env: Any = None
        self._source_keys: dict[str, str] = {}  # src_uri -> key of its source (pages that may be skipped next time)
        self._order: list[str] = []  # documentation pages in mkdocs' order
        self._pending: dict[str, tuple[str, str | None]] = {}
        self._asides: dict[str, Aside] = {}  # src_uri -> raw HTML set aside during conversion
        self._markdown_fingerprint = ""
        self._template_fingerprint = ""
        self._root = Path(".cache/pages")

    def on_config(self, config: Any) -> Any:
        """Event `config`: fingerprints of what changes conversion and rendering."""
        self.hits = self.misses = self.rendered_hits = self.skipped = self.spliced = 0
        self._skipped, self._source_keys, self._order = {}, {}, []
        versions = [metadata.version(p) for p in ("mkdocs", "mkdocs-material", "markdown")]
        # The package's code is part of every key (its own extensions, hooks and templates).
        self._markdown_fingerprint = _digest(cache_fingerprint("pages", FORMAT_VERSION), json.dumps(
            [config["markdown_extensions"], str(config["mdx_configs"]), versions], sort_keys=True, default=str))
        theme = config["theme"]
        # The site's custom_dir and the package's overrides (added by the `gazette` plugin).
        own = [Path(d) for d in theme.dirs if d == getattr(theme, "custom_dir", None) or Path(d) == OVERRIDES]
        templates = "".join(sorted(f"{d.name}/{p.relative_to(d)}:{hashlib.sha256(p.read_bytes()).hexdigest()}"
                                   for d in own for p in d.rglob("*") if p.is_file()))
        settings = {key: config.get(key) for key in _TEMPLATE_SETTINGS}
        theme_settings = {key: theme.get(key) for key in ("features", "palette", "language", "font", "icon", "logo")}
        self._template_fingerprint = _digest(self._markdown_fingerprint, templates, json.dumps(
            [settings, theme_settings], sort_keys=True, default=str, ensure_ascii=False))
        # Relative to mkdocs.yml, not to wherever the build was started from (an absolute path stays).
        self._root = Path(config.config_file_path or ".").resolve().parent / self.config.cache_dir
        return config

    def on_nav(self, nav: Any, config: Any, **kwargs: Any) -> Any:
        """Event `nav`: the navigation is on every page, so it is part of the rendered-page key."""
        self._template_fingerprint = _digest(self._template_fingerprint, json.dumps(
            config.get("nav"), sort_keys=True, default=str, ensure_ascii=False))
        return nav

    def on_files(self, files: Any, *, config: Any) -> Any:
        """Event `files`: with `skip_unchanged`, mark unchanged pages outside the navigation unmodified
        (mkdocs' dirty build then leaves them alone)."""
        pages = list(files.documentation_pages())
        self._order = [f.src_uri for f in pages]
        if not (self.config.enabled and self.config.skip_unchanged):
            return files
        in_nav = set(nav_paths(config.get("nav")))
        sources = {f.src_uri: Path(f.abs_src_path).read_text(encoding="utf-8-sig") for f in pages}
        # The navigation prints the titles of the pages it lists: part of what it is.
        titles = {uri: str(get_data(sources[uri])[1].get("title", "")) for uri in sorted(in_nav) if uri in sources}
        self._nav_fingerprint = _digest(json.dumps([config.get("nav"), titles], sort_keys=True, default=str,
                                                   ensure_ascii=False))
        targets = [f.url for f in pages if f.src_uri in in_nav]
        groups: dict[tuple[str, ...], list[Any]] = {}  # pages to splice, by their links to the navigation
        rendered: set[tuple[str, ...]] = set()  # link sets some page renders this build
        for file in pages:
            source = sources[file.src_uri]
            if file.src_uri in in_nav or _LISTING in source:
                continue
            key = _digest(self._template_fingerprint, file.src_uri, source)  # on_nav has not added the nav yet
            self._source_keys[file.src_uri] = key
            entry = self._read_entry(key)
            links = link_key(targets, file.url)
            if entry is not None and entry.get("nav") == self._nav_fingerprint:
                file.is_modified = _unmodified
                self._skipped[file.src_uri] = (file, entry, False)
            elif entry is not None and _spliceable(entry):
                groups.setdefault(links, []).append((file, entry))
            else:
                rendered.add(links)
        for links, members in groups.items():
            if links not in rendered:
                members = members[1:]  # the first is rendered: it makes the new fragments for the others
            for file, entry in members:
                file.is_modified = _unmodified
                self._skipped[file.src_uri] = (file, entry, True)
        return files

    def _read_entry(self, key: str) -> dict[str, Any] | None:
        path = self._path("source", key)
        if not path.exists():
            return None
        try:
            entry: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a broken entry: the page is rendered again
        return entry

    @event_priority(110)  # before the tags plugin populates its listings (priority 100)
    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        """Event `env`: the skipped pages' tags, as the tags plugin would have read them, in page order."""
        self._env = env  # its `gazette_once` (set by the `gazette` plugin) holds the navigation fragments
        tags = config.plugins.get("material/tags") or config.plugins.get("tags")
        if not self._skipped or tags is None or getattr(tags, "mappings", None) is None:
            return env
        for file, entry, _ in self._skipped.values():
            page = file.page if file.page is not None else Page(None, file, config)
            page.meta = {"tags": entry["tags"]} if entry.get("tags") else {}
            page.title = Markup(entry["title"]) if entry.get("markup") else entry["title"]
            if entry.get("tags") and tags.filter(file):
                tags.mappings.add(page, "")
        position = {uri: n for n, uri in enumerate(self._order)}
        urls = {f.page.url: position.get(f.src_uri, len(position)) for f in files.documentation_pages() if f.page}
        tags.mappings.data = dict(sorted(tags.mappings.data.items(), key=lambda item: urls.get(item[0], len(urls))))
        return env

    def on_post_build(self, *, config: Any) -> None:
        """Event `post_build`: the skipped pages, as they were rendered when their key was stored (with
        this build's navigation fragments where the navigation changed)."""
        from mkdocs.exceptions import PluginError

        site, previous = Path(config["site_dir"]), Path(self.config.reuse_from) if self.config.reuse_from else None
        fragments = self._fragments()
        for file, entry, splice in self._skipped.values():
            html = entry["html"]
            if splice:
                new = {name: fragments.get(name, file.page.url) if fragments else None for name in entry["fragments"]}
                if any(text is None for text in new.values()):
                    raise PluginError(f"页面缓存不一致：{file.src_uri} 的导航未能生成（请用 --full 重新构建）")
                for name, old in entry["fragments"].items():
                    html = html.replace(old, new[name], 1)
                self._store(file.src_uri, {**entry, "html": html, "nav": self._nav_fingerprint,
                                           "fragments": {k: str(v) for k, v in new.items()}})
                self.spliced += 1
            target = Path(file.abs_dest_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = html.encode("utf-8", errors="xmlcharrefreplace")
            if previous is not None and _link_if_same(previous / target.relative_to(site), target, data):
                continue
            target.write_bytes(data)
        self.skipped = len(self._skipped)

    def _fragments(self) -> NavFragments | None:
        once = self._env.globals.get("gazette_once") if self._env is not None else None
        return once if isinstance(once, NavFragments) else None

    def _store(self, uri: str, entry: dict[str, Any]) -> None:
        _write(self._path("source", self._source_keys[uri]), json.dumps(entry, ensure_ascii=False))

    def _path(self, kind: str, key: str) -> Path:
        return self._root / kind / key[:2] / key

    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        """Event `page_markdown`: on a hit, hand mkdocs an empty page to convert (cheap)."""
        if not self.config.enabled:
            return markdown
        meta = json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False)
        key = _digest(self._markdown_fingerprint, page.file.src_uri, markdown)
        rendered_key = _digest(self._template_fingerprint, key, meta)
        rendered = self._path("rendered", rendered_key)
        if rendered.exists():
            self.rendered_hits += 1
            page.gazette_output = rendered.read_text(encoding="utf-8")
            page.meta["template"] = CACHED_TEMPLATE
            self._pending[page.file.src_uri] = ("", None)
            return _PLACEHOLDER
        page.gazette_rendered_key = rendered_key
        cached = self._path("html", key)
        if cached.exists():
            self.hits += 1
            self._pending[page.file.src_uri] = (key, cached.read_text(encoding="utf-8"))
            return _PLACEHOLDER
        self.misses += 1
        self._pending[page.file.src_uri] = (key, None)
        markdown, aside = set_aside(markdown)  # large generated tables skip Markdown's HTML parsing
        if aside is not None:
            self._asides[page.file.src_uri] = aside
        return markdown

    def on_page_content(self, html: str, page: Any, **kwargs: Any) -> str:
        """Event `page_content`: restore (hit) or store (miss) the HTML and its table of contents."""
        if not self.config.enabled:
            return html
        key, stored = self._pending.pop(page.file.src_uri, ("", None))
        aside = self._asides.pop(page.file.src_uri, None)
        if aside is not None:
            html = aside.restore(html)
            page.present_anchor_ids = (page.present_anchor_ids or set()) | aside.anchors
        if not key:
            return html
        if stored is not None:
            data = json.loads(stored)
            page.toc = get_toc(data["toc"])
            return data["html"]
        tokens = [_token(item) for item in page.toc.items]
        _write(self._path("html", key), json.dumps({"html": html, "toc": tokens}, ensure_ascii=False))
        return html

    def on_post_page(self, output: str, page: Any, **kwargs: Any) -> str:
        """Event `post_page`: keep the whole rendered page for the next build."""
        key = getattr(page, "gazette_rendered_key", None)
        source_key = self._source_keys.get(page.file.src_uri)
        if self.config.enabled and key and not source_key:  # a page with a source key is reused by that key
            _write(self._path("rendered", key), output)
        if self.config.enabled and source_key:
            title, fragments = page.title, self._fragments()
            used = fragments.used.get(page.file.src_uri, {}) if fragments else {}
            self._store(page.file.src_uri, {
                "html": output, "title": str(title) if title is not None else None, "markup": isinstance(title, Markup),
                "tags": page.meta.get("tags"), "nav": self._nav_fingerprint, "fragments": used})
        return output


class _DirtyBuildNotice(logging.Filter):
    """mkdocs warns that a dirty build may leave stale navigation: here every page whose navigation could
    differ is rebuilt (the navigation is part of each skipped page's key), so the warning does not apply
    and must not fail a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextlib.contextmanager
def skipping_unchanged_pages() -> Iterator[None]:
    """For the duration of mkdocs' build(dirty=True) with `skip_unchanged`."""
    logger, notice = logging.getLogger("mkdocs.commands.build"), _DirtyBuildNotice()
    logger.addFilter(notice)
    try:
        yield
    finally:
        logger.removeFilter(notice)


def _link_if_same(previous: Path, target: Path, data: bytes) -> bool:
    """`target` as a hard link to `previous` when that holds `data` (same inode and mtime after the swap)."""
    try:
        if previous.stat().st_size != len(data) or previous.read_bytes() != data:
            return False
        target.hardlink_to(previous)
    except OSError:
        return False
    return True


def _spliceable(entry: dict[str, Any]) -> bool:
    """An entry whose navigation fragments can be replaced: each occurs exactly once in its page."""
    fragments = entry.get("fragments") or {}
    return bool(fragments) and all(text and entry["html"].count(text) == 1 for text in fragments.values())


def _unmodified() -> bool:
    return False


def nav_paths(nav: Any) -> list[str]:
    """Every page path the navigation configuration lists."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in nav_paths(item)]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in nav_paths(value)]
    return []


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # one per process
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _token(item: Any) -> dict[str, Any]:
    """An AnchorLink back as the token dict mkdocs.structure.toc.get_toc() takes."""
    return {"level": item.level, "id": item.id, "name": item.title, "html": item.title,
            "children": [_token(child) for child in item.children]}
