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
    search/p/<c>-<v>-<r>.js  a record pack: {"pages": {"<s>-<p>": {url, title, 文号, facets}},
                          "records": {"<s>.<p>.<r>": [anchor, label, text, prior]}}. A record's
                          pack follows from its place and meta "clusters" (pack_of): pages of
                          one title, numbers aside (a yearly plan, a regulation and its
                          amended versions), form a cluster, numbered in order of first
                          appearance across the archive; a pack holds records at the same
                          places (record // layout.records) of up to layout.versions pages of
                          a cluster, so the same clause of a document that recurs across
                          issues and segments comes in one file, as a query finds them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

SEARCH_DIR = "search"
FORMAT = 7
# A small archive (record text up to about one issue) is prefetched whole by search.js after the first query.
SMALL_ARCHIVE_BYTES = 600_000
# Term files of about CHUNK_BYTES at any size: a query's bytes are about one file per family of its terms.
CHUNK_BYTES = 16_000


@dataclass(frozen=True)
class PackLayout:
    """How many clusters, versions of a cluster and records of a page share one pack."""

    clusters: int
    versions: int
    records: int

    def as_list(self) -> list[int]:  # meta "pack_layout", read by search.js
        return [self.clusters, self.versions, self.records]


# A small archive: few, large packs (they are all prefetched). A larger one loads what a query needs:
# a pack holds one cluster's clauses at nearby places, across up to 16 versions.
SMALL_ARCHIVE_LAYOUT = PackLayout(clusters=8, versions=8, records=64)
LARGE_ARCHIVE_LAYOUT = PackLayout(clusters=1, versions=16, records=16)
# Numbers in a title (years, 第N批, 总第N期) do not make another document of the cluster.
_TITLE_NUMBERS = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千]+|\s+")


class RefKey(NamedTuple):
    """A record's place: segment, page within the segment, record within the page; ordered so."""

    segment: int
    page: int
    record: int

    @property
    def page_id(self) -> str:
        return f"{self.segment:x}-{self.page:x}"


def ref_text(key: RefKey) -> str:
    """The lunr document ref of a record: its key, in hex."""
    return f"{key.segment:x}.{key.page:x}.{key.record:x}"


def parse_ref(ref: str) -> RefKey:
    segment, page, record = (int(part, 16) for part in ref.split("."))
    return RefKey(segment, page, record)


def cluster_title(title: str) -> str:
    """The title a page shares with the other versions of its document (numbers and spaces aside)."""
    return _TITLE_NUMBERS.sub("", title)


class PackPlaces:
    """Each page's cluster and its place among the cluster's pages (archive order), from meta "clusters"
    (per segment, the cluster number of each page). search.js PackPlaces is the same."""

    def __init__(self, clusters: list[list[int]], layout: PackLayout):
        self.layout = layout
        self.places: list[list[tuple[int, int]]] = []
        seen: dict[int, int] = {}
        for numbers in clusters:
            row = []
            for cluster in numbers:
                version = seen[cluster] = seen.get(cluster, -1) + 1
                row.append((cluster, version))
            self.places.append(row)

    def pack_of(self, key: RefKey) -> str:
        cluster, version = self.places[key.segment][key.page]
        layout = self.layout
        return (f"p/{cluster // layout.clusters:x}-{version // layout.versions:x}-"
                f"{key.record // layout.records:x}")


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
