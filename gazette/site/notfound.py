"""The 404 page's URLs: relative when the site has no fixed address, so it works opened from disk.

mkdocs gives error pages absolute URLs ("/assets/…") because a server shows them at any depth. A
site without `site_url` is one that is also read from disk (file://), where "/" is the disk's
root: there the 404 page (which lives at the site root) gets links relative to itself. With
`site_url` set, mkdocs' absolute URLs under its path are kept.
"""

from __future__ import annotations

from typing import Any

from mkdocs.utils import normalize_url


def relative_error_page(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    if template_name != "404.html" or config.get("site_url"):
        return context
    context["base_url"] = "."
    context["extra_css"] = [normalize_url(str(path), None, ".") for path in config["extra_css"]]

    return context
