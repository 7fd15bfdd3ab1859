"""Events of the `gazette` plugin (gazette/site/plugin.py): the generated navigation, and
bulletin text kept inert in the theme's templates.

The render stage writes docs/.gazette/site.json (dot folders are not published): the
navigation, which mirrors the years of issues and the categories and so changes as issues
are added. The site name is configuration (mkdocs.yml `site_name`), not taken from here.

Titles are escaped before any template prints them, and every page gets its
Content-Security-Policy (gazette/site/security.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gazette.site.security import safe_text, with_csp

SITE_FILE = Path(".gazette") / "site.json"
PRINTED_META = ("title", "description", "author")  # front-matter keys Material's templates print
# Configuration values Material's templates print, some without `| e` (config.site_description …);
# `extra` and the palette are escaped whole (the theme prints extra.consent, extra.social …).
PRINTED_CONFIG = ("site_name", "site_description", "site_author", "copyright", "repo_name", "repo_url")


def on_config(config: Any, **kwargs: Any) -> Any:
    """Event `config`: take `nav` from the generated file when it exists."""
    site_file = Path(config["docs_dir"]) / SITE_FILE
    if site_file.exists():
        generated = json.loads(site_file.read_text(encoding="utf-8"))
        config["nav"] = generated["nav"]
    # Configuration, but printed by templates that do not escape it: escaped like bulletin text.
    for key in PRINTED_CONFIG:
        if isinstance(config.get(key), str):
            config[key] = safe_text(config[key])
    _escape_strings(config["extra"])
    palette = config["theme"].get("palette")
    if isinstance(palette, dict | list):
        _escape_strings(palette)
    return config


def _escape_strings(container: Any) -> None:
    """Every string in a configuration mapping or list (nested), escaped in place."""
    items = container.items() if hasattr(container, "items") else enumerate(container)
    for key, value in list(items):
        if isinstance(value, str):
            container[key] = safe_text(value)
        elif isinstance(value, dict | list) or hasattr(value, "items"):
            _escape_strings(value)


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """Event `nav`: section and page titles of the navigation come from the bulletins (栏目
    names …); hand them to the templates escaped."""
    stack = list(nav.items)
    while stack:
        item = stack.pop()
        if "title" in vars(item) and item.title:  # set by the nav config, not read from the page
            item.title = safe_text(item.title)
        stack.extend(getattr(item, "children", None) or [])
    return nav


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Event `page_markdown`: the front-matter values the theme prints (the title reaches <title>,
    the header, the navigation, breadcrumbs and the footer) are bulletin text; escape them once here."""
    for key in PRINTED_META:
        if page.meta.get(key):
            page.meta[key] = safe_text(page.meta[key])
    return markdown


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Event `post_page`: every page gets its Content-Security-Policy."""
    return with_csp(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Event `post_template`: the static pages (404.html) too."""
    return with_csp(output_content) if template_name.endswith(".html") else output_content


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """Event `template_context`: the 404 page links relatively when the site has no site_url."""
    from gazette.site.notfound import relative_error_page

    return relative_error_page(context, template_name, config)
