"""mkdocs hooks (mkdocs.yml: hooks): settings the render stage derives from the bulletins.

The render stage writes docs/.gazette/site.json (dot folders are not published): the site
name (the bulletin's own title, so another city's bulletins need no configuration) and the
navigation, which mirrors the years of issues and the categories and so changes as issues
are added.

The hooks also keep bulletin text inert in the theme's templates (gazette/site/security.py):
titles escaped before any template prints them, and a Content-Security-Policy on every page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gazette.site.security import safe_text, with_csp

SITE_FILE = Path(".gazette") / "site.json"
PRINTED_META = ("title", "description", "author")  # front-matter keys Material's templates print


def on_config(config: Any, **kwargs: Any) -> Any:
    """Event `config`: take `site_name` and `nav` from the generated file when it exists."""
    site_file = Path(config["docs_dir"]) / SITE_FILE
    if site_file.exists():
        generated = json.loads(site_file.read_text(encoding="utf-8"))
        config["nav"] = generated["nav"]
        config["site_name"] = generated.get("site_name") or config["site_name"]
    # The site name is the bulletin's own title: bulletin text, escaped like every other.
    config["site_name"] = safe_text(config["site_name"])
    return config


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
