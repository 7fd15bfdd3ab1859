"""mkdocs hooks (mkdocs.yml: hooks): the navigation written by the render stage.

The render stage writes docs/.gazette/nav.json (dot folders are not published); the nav
mirrors issues by year and categories, so it changes as issues are added and cannot be
spelled out in mkdocs.yml.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NAV_FILE = Path(".gazette") / "nav.json"


def on_config(config: Any, **kwargs: Any) -> Any:
    """Event `config`: set `nav` from the generated file when it exists."""
    nav_file = Path(config["docs_dir"]) / NAV_FILE
    if nav_file.exists():
        config["nav"] = json.loads(nav_file.read_text(encoding="utf-8"))
    return config
