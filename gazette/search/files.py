"""The search files in the built site (site/search/), shared by the indexer, the CLI and the browser.

Every file is a script `gazetteSearch.load("name", {...});` so that the browser can load
it with a <script> tag (which works from file://, where fetch() does not) and Python can
read the JSON between the first and the last line.

    search/meta.js        counts, shard counts, 文号 table, facets, synonyms, unit aliases
    search/v/<k>.js       vocabulary shard: terms starting with a character hashed to k, with df
    search/i/<k>.js       lunr index shard: the terms hashed to k (a complete lunr 2.3.9 index)
    search/p/<n>.js       page n: url, title, 文号, facets, and its records [anchor, label, text]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SEARCH_DIR = "search"
FORMAT = 1


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-8 (the browser computes the same)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(term: str, shards: int) -> int:
    return fnv1a(term) % shards


def script(name: str, data: Any) -> str:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return f'gazetteSearch.load("{name}",\n{body}\n);\n'


def write_script(root: Path, name: str, data: Any) -> int:
    path = root / SEARCH_DIR / f"{name}.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = script(name, data)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def read_script(root: Path, name: str) -> Any:
    text = (root / SEARCH_DIR / f"{name}.js").read_text(encoding="utf-8")
    first = text.index("\n")
    last = text.rstrip().rindex("\n")
    return json.loads(text[first + 1:last])
