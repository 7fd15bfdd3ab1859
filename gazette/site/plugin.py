"""mkdocs plugin `gazette`: what every bulletin site takes from the installed package.

A site's mkdocs.yml lists `- gazette` under `plugins` (with the site's `city` and `publisher`)
and nothing that points into this package: the plugin adds the theme overrides, the CSS/JS
assets (copied into docs/assets by the build), the generated navigation (gazette.site.hooks)
and leaves out the sitemap when the site has no `site_url` (a sitemap needs absolute URLs).
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority

from gazette.site import hooks
from gazette.site.fragments import NavFragments
from gazette.site.security import safe_text

PACKAGE_SITE = Path(__file__).resolve().parent
OVERRIDES = PACKAGE_SITE / "overrides"
ASSETS = PACKAGE_SITE / "assets"
EXTRA_CSS = ("assets/gazette.css",)
# The site's JavaScript is one deferred file, assets/site.js: the package's scripts below, in this order,
# with lunr.js 2.3.9 before the search (one request with the page; a first query then waits only for the
# index files it needs). lunr.min.js is also kept on its own in assets/.
SITE_SCRIPT = "site.js"
BUNDLED_SCRIPTS = ("gazette.js", "ledger.js", "lunr.min.js", "search.js")
EXTRA_JAVASCRIPT = ((f"assets/{SITE_SCRIPT}", True),)  # (path, defer)
SITEMAP = "sitemap.xml"
# The icon inside every page (a page of lines in the theme's red): no request, where Material's PNG took
# one or two on every first visit. A site that sets theme.favicon keeps its own.
MATERIAL_FAVICON = "assets/images/favicon.png"
FAVICON = "data:image/svg+xml," + quote(
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='3' fill='#c62828'/>"
    "<path d='M4 4h8v1.6H4zm0 3.2h8v1.6H4zm0 3.2h5v1.6H4z' fill='#fff'/></svg>", safe="/:='")
_LASTMOD = re.compile(r"\s*<lastmod>[^<]*</lastmod>")


def site_script() -> str:
    """assets/site.js: BUNDLED_SCRIPTS, each a self-contained function, one after another."""
    return "\n;\n".join((ASSETS / name).read_text(encoding="utf-8").rstrip() for name in BUNDLED_SCRIPTS) + "\n"


def copy_assets(target: Path) -> None:
    """The package's CSS and JavaScript into `target` (docs/assets): the scripts as site.js."""
    bundled = [name for name in BUNDLED_SCRIPTS if name != "lunr.min.js"]
    shutil.copytree(ASSETS, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*bundled))
    (target / SITE_SCRIPT).write_text(site_script(), encoding="utf-8")


class GazetteConfig(base.Config):
    """The plugin's options in mkdocs.yml, validated here for mkdocs and for gazette.site.config."""

    city = c.Optional(c.Type(str))  # 晋城市: stripped from unit names (晋城市卫健委 = 市卫健委)
    publisher = c.Optional(c.Type(str))  # 晋城市人民政府办公室: shown in the footer


class GazettePlugin(BasePlugin[GazetteConfig]):
    @event_priority(100)  # before gazette-cache fingerprints the theme and the navigation
    def on_config(self, config: Any) -> Any:
        theme = config["theme"]
        overrides = str(OVERRIDES)
        if theme["favicon"] == MATERIAL_FAVICON:
            theme["favicon"] = FAVICON
        if overrides not in theme.dirs:  # the site's own custom_dir, if any, stays first
            theme.dirs.insert(1 if theme.custom_dir else 0, overrides)
        for path in EXTRA_CSS:
            if path not in config["extra_css"]:
                config["extra_css"].append(path)
        present = {str(script) for script in config["extra_javascript"]}
        for path, defer in EXTRA_JAVASCRIPT:
            if path not in present:
                script = c.ExtraScriptValue(path)
                script.defer = defer
                config["extra_javascript"].append(script)
        if self.config.publisher and not config.get("copyright"):
            config["copyright"] = safe_text(f"主办：{self.config.publisher}")  # Material prints it as HTML
        return hooks.on_config(config)

    # Before gazette-cache (listed after it): titles escaped before the cache keys the page;
    # the CSP added before the cache keeps the page (a page reused from it keeps its policy).
    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        self._nav = nav
        return hooks.on_nav(nav, config, files)

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        """Event `env`: the navigation of pages outside it rendered once per set of links (main.html)."""
        env.globals["gazette_once"] = NavFragments(getattr(self, "_nav", None))
        return env

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        return hooks.on_page_markdown(markdown, page)

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return hooks.on_post_page(output, page, config)

    def on_template_context(self, context: Any, *, template_name: str, config: Any) -> Any:
        return hooks.on_template_context(context, template_name, config)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        return hooks.on_post_template(output_content, template_name, config)

    def on_post_build(self, *, config: Any) -> None:
        """Event `post_build`: without `site_url` a sitemap cannot say where the pages are: drop it.
        With it, keep every page's <loc> but not <lastmod>: mkdocs dates every page with the build's
        SOURCE_DATE_EPOCH, which says nothing about when a page changed.

        (Taking sitemap.xml out of the theme's templates would make mkdocs copy the raw template.)"""
        sitemap = Path(config["site_dir"]) / SITEMAP
        if not config.get("site_url"):
            for path in (sitemap, sitemap.with_name(SITEMAP + ".gz")):
                path.unlink(missing_ok=True)
        elif sitemap.exists():
            text = _LASTMOD.sub("", sitemap.read_text(encoding="utf-8"))
            sitemap.write_text(text, encoding="utf-8")
            with gzip.GzipFile(sitemap.with_name(SITEMAP + ".gz"), "wb", mtime=0) as packed:  # deterministic
                packed.write(text.encode("utf-8"))
