"""mkdocs hooks (mkdocs.yml: hooks): settings the render stage derives from the bulletins.

The render stage writes docs/.gazette/site.json (dot folders are not published): the site
name (the bulletin's own title, so another city's bulletins need no configuration) and the
navigation, which mirrors the years of issues and the categories and so changes as issues
are added.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SITE_FILE = Path(".gazette") / "site.json"


def on_config(config: Any, **kwargs: Any) -> Any:
    """Event `config`: take `site_name` and `nav` from the generated file when it exists."""
    site_file = Path(config["docs_dir"]) / SITE_FILE
    if site_file.exists():
        generated = json.loads(site_file.read_text(encoding="utf-8"))
        config["nav"] = generated["nav"]
        config["site_name"] = generated.get("site_name") or config["site_name"]
    return config


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """Event `template_context`: the 404 page links relatively when the site has no site_url."""
    from gazette.site.notfound import relative_error_page

    return relative_error_page(context, template_name, config)
