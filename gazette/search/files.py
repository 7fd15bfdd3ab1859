"""The search files in the built site (site/search/), shared by the indexer, the CLI and the browser.

Every file is a script `gazetteSearch.load("name", {...});` so that the browser can load
it with a <script> tag (which works from file://, where fetch() does not) and Python can
read the JSON between the first and the last line.

    search/meta.js        vocabulary (terms with their df), term-file separators, segments,
                          文号 table, facets, synonyms, unit aliases, page statuses, settings
    search/i/<k>.js       term file k: the archive's terms in sorted order (UTF-16 code units, as
                          JavaScript compares strings) are cut into ranges of about CHUNK_BYTES;
                          meta "chunks" holds the separator of each range, so both engines find a
                          term's file by binary search (chunk_of). A query's related terms (协商,
                          协商会) sort together and come in one file. The file is a list with, per
                          segment, a complete lunr 2.3.9 index of those terms (or null).
    search/p/<s>-<k>.js   record pack k of segment s: {"pages": {"<page>": {url, title, 文号, facets}},
                          "records": {"<page>.<record>": [anchor, label, text, prior]}}. A record's
                          lunr ref names its pack (ref_text), so no table is needed. Records are
                          packed in cluster order (pack_order in the indexer): a page's records stay
                          together, and the same clause of a document that recurs across issues
                          sits in the same pack as its other versions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

SEARCH_DIR = "search"
FORMAT = 6
# A small archive (record text up to about one issue, SMALL_ARCHIVE_BYTES) is prefetched whole by
# search.js after the first query, so its packs are few and large. A larger one is fetched as queries
# need it: small packs, so a query downloads little beyond its own terms and candidates.
SMALL_ARCHIVE_BYTES = 600_000
# Term files of about CHUNK_BYTES at any size: a query's bytes are about one file per family of its terms.
CHUNK_BYTES = 16_000
PACK_BYTES = 48_000
LARGE_ARCHIVE_PACK_BYTES = 12_000


class RefKey(NamedTuple):
    """A record's place: segment, page within the segment, record within the page; ordered so."""

    segment: int
    page: int
    record: int

    @property
    def page_id(self) -> str:
        return f"{self.segment:x}-{self.page:x}"


def ref_text(key: RefKey, pack: int) -> str:
    """The lunr document ref of a record: its key and the pack that holds it, in hex."""
    return f"{key.segment:x}.{key.page:x}.{key.record:x}.{pack:x}"


def parse_ref(ref: str) -> tuple[RefKey, int]:
    segment, page, record, pack = (int(part, 16) for part in ref.split("."))
    return RefKey(segment, page, record), pack


def pack_name(segment: int, pack: int) -> str:
    return f"p/{segment:x}-{pack:x}"


def utf16_key(text: str) -> bytes:
    """The order in which JavaScript compares strings (UTF-16 code units)."""
    return text.encode("utf-16-be")


def separator(previous: str, start: str) -> str:
    """The shortest prefix of `start` that sorts after `previous` (previous < start)."""
    before = utf16_key(previous)
    for end in range(1, len(start) + 1):
        if utf16_key(start[:end]) > before:
            return start[:end]
    return start


def chunk_of(separators: list[str], term: str) -> int:
    """The term file holding `term`: the last whose separator sorts at or before it (search.js chunkOf)."""
    key = utf16_key(term)
    low, high = 0, len(separators)
    while high - low > 1:
        middle = (low + high) // 2
        if utf16_key(separators[middle]) <= key:
            low = middle
        else:
            high = middle
    return low


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
