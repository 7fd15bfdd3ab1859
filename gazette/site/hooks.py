"""The generated navigation, applied by the `gazette` plugin (gazette/site/plugin.py).

The render stage writes docs/.gazette/site.json (dot folders are not published): the
navigation, which mirrors the years of issues and the categories and so changes as issues
are added. The site name is configuration (mkdocs.yml `site_name`), not taken from here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SITE_FILE = Path(".gazette") / "site.json"


def on_config(config: Any, **kwargs: Any) -> Any:
    """Event `config`: take `nav` from the generated file when it exists."""
    site_file = Path(config["docs_dir"]) / SITE_FILE
    if site_file.exists():
        generated = json.loads(site_file.read_text(encoding="utf-8"))
        config["nav"] = generated["nav"]
    return config
