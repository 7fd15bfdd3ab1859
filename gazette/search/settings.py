"""The search settings: weights, limits, tables and filters in one data file (data/settings.json).

The indexer copies them into the site (search/meta.js, key ``settings``); the Python engine and
search.js both read them from there, so the two implementations cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SETTINGS_FILE = Path(__file__).resolve().parent / "data" / "settings.json"


def load_settings(path: Path = SETTINGS_FILE) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("comment", None)
    data["quantity"].pop("comment", None)
    data["questions"].pop("comment", None)
    return data


SETTINGS = load_settings()
