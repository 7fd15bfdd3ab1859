"""The search files in the built site (site/search/), shared by the indexer, the CLI and the browser.

Every file is a script `gazetteSearch.load("name", {...});` so that the browser can load
it with a <script> tag (which works from file://, where fetch() does not) and Python can
read the JSON between the first and the last line.

    search/meta.js        segments, 文号 table, facets, synonyms, unit aliases, page statuses
    search/v/<k>.js       vocabulary shard: terms whose first character hashes to k, with their df
    search/i/<k>.js       the terms hashing to k (of meta.index_shards, a power of two up to
                          INDEX_SHARDS): a list with, per segment, a complete lunr 2.3.9 index of
                          those terms (or null)
    search/p/<s>-<n>.js   record pack n of segment s: consecutive pages' records, about
                          PACK_BYTES each, {"pages": {"<page>": {url, title, 文号, facets, first,
                          records: [[anchor, label, text, prior], …]}}}; meta.js "packs" lists,
                          per segment, where each pack starts ([page, record, bytes]), so a record
                          is found by binary search. A long page spans several packs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SEARCH_DIR = "search"
FORMAT = 5
VOCAB_SHARDS = 1  # fixed (search.js knows it): focus on the box loads the vocabulary with meta.js, one request
INDEX_SHARDS = 2048  # pieces per cached segment; shard k of every segment shares file i/<k>.js
SHARD_BYTES = 48_000  # a small archive joins pieces into fewer shards of about this size (indexer)
# Records of consecutive pages share a pack of about PACK_BYTES: a query's candidates (often
# neighbouring clauses and pages) come in a few requests, and a small archive's packs are few enough
# for search.js to prefetch them (and the index) after the first query. An archive with more than
# SMALL_ARCHIVE_BYTES of record text is not prefetched: its packs are small (a few records each), so
# the candidates of a query, spread over many issues, cost few bytes.
PACK_BYTES = 48_000
SMALL_ARCHIVE_BYTES = 600_000  # record text of about one issue; meta.js "prefetch" says which
LARGE_ARCHIVE_PACK_BYTES = 6_000


def pack_of(starts: list[list[int]], page: int, record: int) -> int:
    """Index of the pack holding (page, record): the last whose start is not after it."""
    low, high = 0, len(starts)
    while high - low > 1:
        middle = (low + high) // 2
        if (starts[middle][0], starts[middle][1]) <= (page, record):
            low = middle
        else:
            high = middle
    return low


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
