"""mkdocs plugin `gazette-cache`: reuse what did not change between builds.

mkdocs has no incremental build. This plugin keeps, per page, (1) the HTML its Markdown
converted to and (2) the whole page it rendered to. (1) is reused when the page's Markdown
is unchanged; (2) when, in addition, nothing the templates see changed (navigation, theme,
configuration), in which case the page is printed from the cache by a one-line template
instead of rendering Material's templates again.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import get_toc

from gazette.fingerprint import cache_fingerprint
from gazette.site.plugin import OVERRIDES

_PLACEHOLDER = "<!-- gazette-cache -->"
FORMAT_VERSION = 1  # raise when what an entry holds changes shape
CACHED_TEMPLATE = "gazette-cached.html"
_TEMPLATE_SETTINGS = ("site_name", "site_description", "site_url", "use_directory_urls", "extra", "extra_css",
                      "extra_javascript", "copyright", "repo_url")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class PageCacheConfig(base.Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/pages")  # relative to mkdocs.yml; the build pipeline sets its own


class PageCachePlugin(BasePlugin[PageCacheConfig]):
    def __init__(self) -> None:
        self.hits = 0  # Markdown conversions reused
        self.misses = 0
        self.rendered_hits = 0  # whole pages reused
        self._pending: dict[str, tuple[str, str | None]] = {}
        self._markdown_fingerprint = ""
        self._template_fingerprint = ""
        self._root = Path(".cache/pages")

    def on_config(self, config: Any) -> Any:
        """Event `config`: fingerprints of what changes conversion and rendering."""
        self.hits = self.misses = self.rendered_hits = 0
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
        return markdown

    def on_page_content(self, html: str, page: Any, **kwargs: Any) -> str:
        """Event `page_content`: restore (hit) or store (miss) the HTML and its table of contents."""
        if not self.config.enabled:
            return html
        key, stored = self._pending.pop(page.file.src_uri, ("", None))
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
        if self.config.enabled and key:
            _write(self._path("rendered", key), output)
        return output


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # one per process
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _token(item: Any) -> dict[str, Any]:
    """An AnchorLink back as the token dict mkdocs.structure.toc.get_toc() takes."""
    return {"level": item.level, "id": item.id, "name": item.title, "html": item.title,
            "children": [_token(child) for child in item.children]}
