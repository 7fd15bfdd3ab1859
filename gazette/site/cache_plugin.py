"""mkdocs plugin `gazette-cache`: reuse the HTML of pages whose Markdown did not change.

mkdocs has no incremental build. Most of the time of a large build goes into converting
Markdown to HTML; this plugin keeps that conversion per page (keyed by the page's
Markdown, its path and the Markdown configuration) and skips it when nothing changed.
Templates are still rendered for every page, so navigation changes always show.
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

_PLACEHOLDER = "<!-- gazette-cache -->"
PAGE_CACHE_ENV = "GAZETTE_PAGE_CACHE"  # the build pipeline points this at its cache folder


class PageCacheConfig(base.Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/pages")


class PageCachePlugin(BasePlugin[PageCacheConfig]):
    def __init__(self) -> None:
        self.hits = 0
        self.misses = 0
        self._pending: dict[str, tuple[str, str | None]] = {}
        self._fingerprint = ""
        self._root = Path(".cache/pages")

    def on_config(self, config: Any) -> Any:
        """Event `config`: the parts of the configuration that change how Markdown converts."""
        self.hits = self.misses = 0
        versions = [metadata.version(p) for p in ("mkdocs", "mkdocs-material", "markdown")]
        settings = json.dumps([config["markdown_extensions"], str(config["mdx_configs"]), versions], sort_keys=True,
                              default=str, ensure_ascii=False)
        self._fingerprint = hashlib.sha256(settings.encode()).hexdigest()
        # Relative to mkdocs.yml, not to wherever the build was started from.
        configured = Path(config.config_file_path or ".").resolve().parent / self.config.cache_dir
        self._root = Path(os.environ.get(PAGE_CACHE_ENV) or configured)
        return config

    def _path(self, key: str) -> Path:
        return self._root / key[:2] / f"{key}.json"

    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        """Event `page_markdown`: on a hit, hand mkdocs an empty page to convert (cheap)."""
        if not self.config.enabled:
            return markdown
        key = hashlib.sha256(f"{self._fingerprint}\0{page.file.src_uri}\0{markdown}".encode()).hexdigest()
        cached = self._path(key)
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
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"html": html, "toc": tokens}, ensure_ascii=False), encoding="utf-8")
        return html


def _token(item: Any) -> dict[str, Any]:
    """An AnchorLink back as the token dict mkdocs.structure.toc.get_toc() takes."""
    return {"level": item.level, "id": item.id, "name": item.title, "html": item.title,
            "children": [_token(child) for child in item.children]}
