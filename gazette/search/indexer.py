"""Build the search index into a built site: records -> jieba terms -> lunr.py -> shards.

The archive is indexed in segments of SEGMENT_ISSUES consecutive issues (a build parameter). Each segment is
one lunr index (built with lunr.py, BM25 over the segment) cut by term into shards; every
shard is a complete lunr 2.3.9 index that lunr.js loads with lunr.Index.load. A query needs
only the shards of its terms, so the first query of a 60-issue archive downloads a few
hundred kilobytes. A segment whose records did not change is reused from the cache, so
adding an issue rebuilds one segment, not the archive.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import pickle
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lunr.builder
import yaml
from lunr.builder import Builder
from lunr.token import Token

from gazette.fingerprint import cache_fingerprint
from gazette.link.archive import STATUS_ACTIVE, Archive
from gazette.search.files import (
    FORMAT,
    INDEX_SHARDS,
    LARGE_ARCHIVE_PACK_BYTES,
    PACK_BYTES,
    SEARCH_DIR,
    SHARD_BYTES,
    SMALL_ARCHIVE_BYTES,
    VOCAB_SHARDS,
    script,
    shard_of,
    write_script,
)
from gazette.search.pipeline import PIPELINE_LABEL, gazette_normalise
from gazette.search.records import SearchPage, people, search_pages, user_words
from gazette.search.settings import SETTINGS
from gazette.search.tokenize import IndexTokenizer, normalise
from gazette.text.docnumber import parse_doc_number
from gazette.units.registry import UnitRegistry

FIELDS = (("h", 2), ("b", 1))  # heading, body (field boosts)
BM25_B = 0.5  # records range from one line to a long member list: soften the length penalty (lunr: 0.75)
SEGMENT_ISSUES = 10


CACHE_VERSION = 1  # of the cached segments and terms (.cache/search); raise when their layout changes
CODE = cache_fingerprint("search", CACHE_VERSION)  # any change to the package rebuilds them
SYNONYMS = Path(__file__).resolve().parent / "data" / "synonyms.yaml"


@contextlib.contextmanager
def _pretokenized() -> Iterator[None]:
    """Our fields arrive as space-separated, already normalised terms: skip lunr.py's tokenizer,
    which copies metadata for every token (most of the build time)."""
    original = lunr.builder.Tokenizer
    lunr.builder.Tokenizer = lambda value, metadata=None: [Token(t) for t in value.split(" ") if t]
    try:
        yield
    finally:
        lunr.builder.Tokenizer = original


class TokenCache:
    """jieba terms per text, kept between builds (segmentation is the slow part)."""

    def __init__(self, path: Path):
        self.path = path
        self.data: dict[str, list[str]] = {}
        if path.exists():
            try:
                with path.open("rb") as handle:
                    self.data = pickle.load(handle)
            except (OSError, pickle.PickleError, EOFError):
                self.data = {}
        self.used: dict[str, list[str]] = {}

    def terms(self, text: str, salt: str, tokenizer: _LazyTokenizer) -> list[str]:
        key = hashlib.sha1(f"{salt}\0{text}".encode()).hexdigest()
        terms = self.data.get(key)
        if terms is None:
            terms = tokenizer.terms(text)
        self.used[key] = terms
        return terms

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("wb") as handle:
            pickle.dump(self.used, handle, protocol=pickle.HIGHEST_PROTOCOL)


class _LazyTokenizer:
    """jieba takes a second to load: only load it when a text is not in the cache."""

    def __init__(self, words: set[str]):
        self.words = words
        self._real: IndexTokenizer | None = None

    def terms(self, text: str) -> list[str]:
        if self._real is None:
            self._real = IndexTokenizer(self.words)
        return self._real.terms(text)


def split_index(serialized: dict[str, Any], shards: int) -> list[dict[str, Any]]:
    """Cut a serialized lunr index into `shards` complete lunr indexes, by term."""
    owner: dict[int, int] = {}
    inverted: list[list[Any]] = [[] for _ in range(shards)]
    for term, posting in serialized["invertedIndex"]:
        k = shard_of(term, shards)
        owner[posting["_index"]] = k
        inverted[k].append([term, posting])
    vectors: list[list[Any]] = [[] for _ in range(shards)]
    for field_ref, flat in serialized["fieldVectors"]:
        parts: dict[int, list[float]] = {}
        for i in range(0, len(flat), 2):
            index = flat[i]
            part = parts.get(owner[index])
            if part is None:
                part = parts[owner[index]] = []
            part.append(index)
            part.append(flat[i + 1])
        for k, values in parts.items():
            vectors[k].append([field_ref, values])
    base = {key: value for key, value in serialized.items() if key not in ("invertedIndex", "fieldVectors")}
    return [{**base, "fieldVectors": vectors[k], "invertedIndex": inverted[k]} for k in range(shards)]


@dataclass
class Segment:
    number: int
    pages: list[SearchPage]
    words: set[str]
    pack_bytes: int = PACK_BYTES

    @functools.cached_property
    def salt(self) -> str:
        return hashlib.sha256((CODE + "\n".join(sorted(self.words))).encode()).hexdigest()

    def ref(self, page: int, record: int) -> str:
        return f"{self.number:x}.{page:x}.{record:x}"

    def key(self) -> str:
        """Everything the segment's index depends on: a changed key rebuilds it."""
        digest = hashlib.sha256(f"{FORMAT}|{BM25_B}|{FIELDS}|{self.salt}|{self.number}|{self.pack_bytes}".encode())
        for p, page in enumerate(self.pages):
            digest.update(json.dumps(_page_json(page), ensure_ascii=False, sort_keys=True).encode())
            for r, record in enumerate(page.records):
                digest.update(f"\0{self.ref(p, r)}\0{record.heading}\0{record.prior}".encode())
        return digest.hexdigest()


def segments(archive: Archive, pages: list[SearchPage], unit_names: list[str],
             size: int = SEGMENT_ISSUES) -> list[Segment]:
    order = [parsed.issue.key for parsed in archive.issues]  # chronological
    by_issue: dict[str, list[SearchPage]] = {}
    for page in pages:
        by_issue.setdefault(page.issue, []).append(page)
    result: list[Segment] = []
    for start in range(0, len(order), size):
        keys = order[start:start + size]
        issues = [p for p in archive.issues if p.issue.key in keys]
        # The segment's own vocabulary: adding later issues never changes how it was segmented.
        words = user_words(Archive(issues, {}, []), unit_names)
        result.append(Segment(len(result), [pg for key in keys for pg in by_issue.get(key, [])], words))
    return result


def build_segment(segment: Segment, tokens: TokenCache, cache: Path) -> Path:
    """The segment's index cut into INDEX_SHARDS pieces (JSON text or None), its page files and
    term counts: from the cache, or built now."""
    folder = cache / "segments" / segment.key()
    if _complete(folder):
        return folder
    tokenizer = _LazyTokenizer(segment.words)
    builder = Builder()
    builder.search_pipeline.add(gazette_normalise)
    builder.ref("id")
    builder.b(BM25_B)
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    df: Counter[str] = Counter()
    with _pretokenized():
        for p, page in enumerate(segment.pages):
            for r, record in enumerate(page.records):
                heading = tokens.terms(record.heading, segment.salt, tokenizer)
                body = tokens.terms(record.text, segment.salt, tokenizer)
                df.update(set(heading) | set(body))
                builder.add({"id": segment.ref(p, r), "h": " ".join(heading), "b": " ".join(body)})
        index = builder.build()
    serialized = index.serialize()
    serialized["pipeline"] = [PIPELINE_LABEL]
    pieces = [json.dumps(shard, ensure_ascii=False, separators=(",", ":")) if shard["invertedIndex"] else None
              for shard in split_index(serialized, INDEX_SHARDS)]
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "p").mkdir(parents=True)
    with (tmp / "pieces.pickle").open("wb") as handle:
        pickle.dump(pieces, handle, protocol=pickle.HIGHEST_PROTOCOL)
    packs = _packs(segment.pages, segment.pack_bytes)
    for n, pack in enumerate(packs):
        name = f"p/{segment.number:x}-{n:x}"
        text = script(name, {"pages": {f"{p:x}": entry for p, entry in pack["pages"]}})
        pack["start"].append(len(text.encode("utf-8")))
        (tmp / "p" / f"{segment.number:x}-{n:x}.js").write_text(text, encoding="utf-8")
    (tmp / "info.json").write_text(json.dumps({"df": df, "packs": [pack["start"] for pack in packs]},
                                              ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return folder


def _packs(pages: list[SearchPage], pack_bytes: int) -> list[dict[str, Any]]:
    """Records in reference order cut into packs of about ``pack_bytes``: each pack is a list of
    (page, entry) with the page's facts and a run of its records, and starts at [page, record]."""
    packs: list[dict[str, Any]] = []
    size = pack_bytes  # forces a new pack at the first record

    for p, page in enumerate(pages):
        entry: dict[str, Any] | None = None
        for r in range(max(1, len(page.records))):
            row = [[x.anchor, x.label, x.text, x.prior] for x in page.records[r:r + 1]]
            cost = len(json.dumps(row, ensure_ascii=False).encode("utf-8"))
            if entry is None or size + cost > pack_bytes:
                if size + cost > pack_bytes or not packs:
                    packs.append({"start": [p, r], "pages": []})
                    size = 0
                entry = _page_json(page, r)
                packs[-1]["pages"].append((p, entry))
                size += len(json.dumps(entry, ensure_ascii=False).encode("utf-8"))
            entry["records"] += row
            size += cost
    return packs


def _complete(folder: Path) -> bool:
    return (folder / "info.json").exists() and (folder / "pieces.pickle").exists()


def write_index_shards(site: Path, folders: list[Path]) -> tuple[int, int]:
    """i/<k>.js = [segment 0's shard k, segment 1's shard k, …]. Segments are cached cut into
    INDEX_SHARDS pieces; a small archive joins them into fewer, larger shards (about SHARD_BYTES
    each, a power of two so that shard_of(term, n) picks the union of pieces): a query then needs
    fewer files, and search.js can prefetch them all. Returns the number of shards and their bytes."""
    pieces = []
    for folder in folders:
        with (folder / "pieces.pickle").open("rb") as handle:
            pieces.append(pickle.load(handle))
    total = sum(len(piece) for part in pieces for piece in part if piece)
    shards = 1
    while shards < INDEX_SHARDS and total / shards > SHARD_BYTES:
        shards *= 2
    out = site / SEARCH_DIR / "i"
    out.mkdir(parents=True, exist_ok=True)
    size = 0
    for k in range(shards):
        own = range(k, INDEX_SHARDS, shards)
        body = ",".join(_join_pieces([part[j] for j in own if part[j]]) or "null" for part in pieces)
        text = f'gazetteSearch.load("i/{k}",\n[{body}]\n);\n'
        (out / f"{k}.js").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return shards, size


def _join_pieces(texts: list[str]) -> str | None:
    """One lunr index from pieces of the same segment's index (disjoint terms): postings in term
    order (lunr's TokenSet needs it), each record's vector entries in index order."""
    if len(texts) < 2:
        return texts[0] if texts else None
    parts = [json.loads(text) for text in texts]
    inverted = sorted((row for part in parts for row in part["invertedIndex"]), key=lambda row: row[0])
    vectors: dict[str, list[list[float]]] = {}
    for part in parts:
        for field_ref, flat in part["fieldVectors"]:
            vectors.setdefault(field_ref, []).extend([flat[i], flat[i + 1]] for i in range(0, len(flat), 2))
    merged = {**{key: value for key, value in parts[0].items() if key not in ("invertedIndex", "fieldVectors")},
              "fieldVectors": [[ref, [x for pair in sorted(pairs) for x in pair]] for ref, pairs in vectors.items()],
              "invertedIndex": inverted}
    return json.dumps(merged, ensure_ascii=False, separators=(",", ":"))


def _place(source: Path, target: Path) -> None:
    """Copy a cached shard folder into the site (hard links when the file system allows)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        try:
            (target / path.name).hardlink_to(path)
        except OSError:
            shutil.copyfile(path, target / path.name)


def build_search_index(site: Path, cache_dir: Path, archive: Archive, registry: UnitRegistry | None = None,
                       segment_issues: int = SEGMENT_ISSUES) -> str:
    """Write site/search/*: returns a one-line summary for the build log. ``segment_issues`` issues
    share one segment (tests force several segments with a small value)."""
    if segment_issues < 1:
        raise ValueError("segment_issues must be at least 1")
    from gazette.units.registry import load_registry

    registry = registry or load_registry()
    pages = search_pages(archive)
    unit_names = sorted({n for u in registry.units.values() for n in (u.name, u.short, *u.aliases)})
    out = site / SEARCH_DIR
    if out.exists():
        shutil.rmtree(out)
    tokens = TokenCache(cache_dir / "terms.pickle")
    df: Counter[str] = Counter()
    described: list[dict[str, Any]] = []
    reused = 0
    all_segments = segments(archive, pages, unit_names, segment_issues)
    # A small archive is prefetched whole (search.js): large packs, few requests. A large one is
    # fetched record by record as queries need them: small packs, few bytes per candidate.
    small = sum(len(r.text.encode("utf-8")) for page in pages for r in page.records) <= SMALL_ARCHIVE_BYTES
    for segment in all_segments:
        segment.pack_bytes = PACK_BYTES if small else LARGE_ARCHIVE_PACK_BYTES
    folders = []
    for segment in all_segments:
        reused += _complete(cache_dir / "segments" / segment.key())
        folder = build_segment(segment, tokens, cache_dir)
        folders.append(folder)
        info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
        df.update(info["df"])
        _place(folder / "p", out / "p")
        described.append({"pages": len(segment.pages), "packs": info["packs"]})
    tokens.save()
    index_shards, index_bytes = write_index_shards(site, folders)
    vocab_shards = VOCAB_SHARDS
    vocab: list[dict[str, int]] = [{} for _ in range(vocab_shards)]
    for term in sorted(df):
        vocab[shard_of(term[0], vocab_shards)][term] = df[term]
    for k, part in enumerate(vocab):
        write_script(site, f"v/{k}", part)
    meta = _meta(all_segments, described, vocab_shards, index_shards, registry, sorted(people(archive)))
    write_script(site, "meta", {**meta, "index_bytes": index_bytes, "prefetch": small})
    records = sum(len(p.records) for p in pages)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return (f"{records} 条检索记录，{len(df)} 个词，{len(described)} 个分段（{reused} 个未变、沿用上次的索引），"
            f"{index_shards} 个索引分片，共 {size / 1e6:.1f} MB")


def _page_json(page: SearchPage, first: int = 0) -> dict[str, Any]:
    """A page's entry in a record pack (its records follow from ``first``). Its status (已废止 …) can change when later
    issues arrive, so it is not here but in meta.js: a segment's page files never change."""
    return {
        "url": page.path, "title": page.title, "doc_number": page.doc_number, "kind": page.kind,
        "issuer": page.issuer, "date": page.date, "category": page.category, "issue": page.issue,
        "issue_label": page.issue_label, "notice_title": page.notice_title, "topics": page.topics, "first": first,
        "records": [],
    }


def _meta(all_segments: list[Segment], described: list[dict[str, Any]], vocab_shards: int, index_shards: int,
          registry: UnitRegistry, names: list[str]) -> dict[str, Any]:
    synonyms = yaml.safe_load(SYNONYMS.read_text(encoding="utf-8"))
    aliases: dict[str, list[str]] = {}
    for unit in registry.units.values():
        group = sorted({normalise(n) for n in (unit.name, unit.short, *unit.aliases)})
        for name in group:
            aliases[name] = [n for n in group if n != name]
    pages = [(s.number, p, page) for s in all_segments for p, page in enumerate(s.pages)]
    issues = sorted({(page.issue, page.issue_label) for _, _, page in pages}, reverse=True)
    return {
        "format": FORMAT,
        "segments": described,
        "index_shards": index_shards,
        "records": sum(len(page.records) for _, _, page in pages),
        "vocab_shards": vocab_shards,
        "doc_numbers": [[page.doc_number, f"{s:x}-{p:x}", n.prefix, n.year, n.number] for s, p, page in pages
                        if page.doc_number and page.kind == "notice" and (n := parse_doc_number(page.doc_number))],
        "facets": {
            "issue": [list(i) for i in issues],
            "category": sorted({page.category for _, _, page in pages if page.category}),
            "issuer": sorted({page.issuer for _, _, page in pages if page.issuer}),
            "status": sorted({page.status for _, _, page in pages if page.status}),
            "topic": sorted({topic for _, _, page in pages for topic in page.topics}),
        },
        "synonyms": {normalise(k): [normalise(v) for v in vs] for k, vs in sorted(synonyms.items())},
        "unit_aliases": dict(sorted(aliases.items())),
        "people": names,
        # Pages not in force, by key; every other page is status_default (the one place it is named).
        "status": {f"{s:x}-{p:x}": page.status for s, p, page in pages if page.status != STATUS_ACTIVE},
        "status_default": STATUS_ACTIVE,
        "settings": SETTINGS,
    }
