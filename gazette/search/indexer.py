"""Build the search index into a built site: records -> jieba terms -> lunr.py -> term files and packs.

The archive is indexed in segments of SEGMENT_ISSUES consecutive issues (a build parameter). Each
segment is one lunr index (built with lunr.py, BM25 over the segment), kept in the cache taken apart
by term. The site's term files (files.py) each hold a range of the archive's sorted terms: per
segment, a complete lunr 2.3.9 index of those terms that lunr.js loads with lunr.Index.load. A query
needs only the files of its terms and the record packs of its candidates. A segment whose records
did not change is reused from the cache, so adding an issue rebuilds one segment, not the archive.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lunr
import yaml
from lunr.builder import Builder
from lunr.field_ref import FieldRef

from gazette.fingerprint import cache_fingerprint
from gazette.link.archive import STATUS_ACTIVE, Archive
from gazette.search.files import (
    CHUNK_BYTES,
    FORMAT,
    LARGE_ARCHIVE_LAYOUT,
    SEARCH_DIR,
    SMALL_ARCHIVE_BYTES,
    SMALL_ARCHIVE_LAYOUT,
    PackPlaces,
    RefKey,
    cluster_title,
    ref_text,
    separator,
    utf16_key,
    write_script,
)
from gazette.search.pipeline import PIPELINE_LABEL, gazette_normalise
from gazette.search.records import SearchPage, people, search_pages, user_words
from gazette.search.settings import SETTINGS
from gazette.search.tokenize import IndexTokenizer, fold_pairs, normalise
from gazette.text.docnumber import parse_doc_number
from gazette.units.registry import UnitRegistry

FIELDS = (("h", 2), ("b", 1))  # heading, body (field boosts)
BM25_B = 0.5  # records range from one line to a long member list: soften the length penalty (lunr: 0.75)
SEGMENT_ISSUES = 10
FAMILY_CHUNKS = 4
CACHE_VERSION = 3  # of the cached segments and terms (.cache/search); raise when their layout changes
CODE = cache_fingerprint("search", CACHE_VERSION)  # any change to the package rebuilds them
SYNONYMS = Path(__file__).resolve().parent / "data" / "synonyms.yaml"
NEAR_SYNONYMS = Path(__file__).resolve().parent / "data" / "near_synonyms.yaml"


def synonym_table(synonyms: Path = SYNONYMS, near: Path = NEAR_SYNONYMS) -> dict[str, list[str]]:
    """Everyday -> official words (synonyms.yaml) and, both ways, each near-synonym group's other words
    (near_synonyms.yaml: 至少 adds 不少于 and 不低于, 不少于 adds 至少 …), normalised, for meta.js."""
    table: dict[str, list[str]] = {}
    for key, values in (yaml.safe_load(synonyms.read_text(encoding="utf-8")) or {}).items():
        table.setdefault(normalise(key), []).extend(normalise(v) for v in values)
    for group in yaml.safe_load(near.read_text(encoding="utf-8")) or []:
        words = [normalise(w) for w in group]
        for word in words:
            table.setdefault(word, []).extend(w for w in words if w != word)
    return {key: list(dict.fromkeys(values)) for key, values in sorted(table.items())}


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


class PretokenizedBuilder(Builder):
    """A lunr.py Builder fed terms already segmented and normalised (jieba, tokenize.py): lunr's own
    tokenizer would re-split them and copy metadata for every token (most of the build time)."""

    def add_terms(self, ref: str, fields: dict[str, list[str]]) -> None:
        """Builder.add for one document whose fields are lists of terms (no metadata is kept)."""
        self._documents[ref] = {}
        self.document_count += 1
        for name in self._fields:
            terms = fields.get(name, [])
            field_ref = str(FieldRef(ref, name))
            counts: Counter[str] = Counter(terms)
            self.field_term_frequencies[field_ref] = counts
            self.field_lengths[field_ref] = len(terms)
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {field: {} for field in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[name][ref] = {}


@dataclass(frozen=True)
class TermEntry:
    """One term of a segment's index: its lunr posting (JSON text) and its entries in the field vectors."""

    posting: str
    index: int
    vectors: tuple[tuple[str, float], ...]  # (field ref, score)

    @property
    def size(self) -> int:
        return len(self.posting) + 16 * len(self.vectors)


def term_entries(serialized: dict[str, Any]) -> dict[str, TermEntry]:
    """A serialized lunr index taken apart by term, so that any range of terms can be put back
    together as a complete index (chunk_json)."""
    vectors: dict[int, list[tuple[str, float]]] = {}
    for field_ref, flat in serialized["fieldVectors"]:
        for i in range(0, len(flat), 2):
            vectors.setdefault(flat[i], []).append((field_ref, flat[i + 1]))
    return {term: TermEntry(json.dumps(posting, ensure_ascii=False, separators=(",", ":")), posting["_index"],
                            tuple(vectors.get(posting["_index"], ())))
            for term, posting in serialized["invertedIndex"]}


def chunk_json(head: dict[str, Any], terms: list[str], entries: dict[str, TermEntry]) -> str | None:
    """The complete lunr index of `terms` (sorted) within one segment, or None if it has none of them.
    Postings stay in term order (lunr's TokenSet needs it), each vector's entries in index order."""
    present = [t for t in terms if t in entries]
    if not present:
        return None
    vectors: dict[str, list[tuple[int, float]]] = {}
    for term in present:
        entry = entries[term]
        for field_ref, score in entry.vectors:
            vectors.setdefault(field_ref, []).append((entry.index, score))
    field_vectors = [[ref, [x for pair in sorted(pairs) for x in pair]] for ref, pairs in sorted(vectors.items())]
    inverted = ",".join(f"[{json.dumps(t, ensure_ascii=False)},{entries[t].posting}]" for t in present)
    body = json.dumps({**head, "fieldVectors": field_vectors}, ensure_ascii=False, separators=(",", ":"))
    return f'{body[:-1]},"invertedIndex":[{inverted}]}}'


def cut_chunks(sizes: dict[str, int], chunk_bytes: int) -> list[list[str]]:
    """All terms in UTF-16 order cut into runs of about chunk_bytes (a larger term alone). Terms sharing
    their first two characters (协商, 协商会; 座谈, 座谈会: a query holding one holds the other, full mode)
    stay in one run up to FAMILY_CHUNKS times that size. lunr.js loads a run only in UTF-16 order,
    lunr.py only in code point order: where the two disagree (a character beyond U+FFFF against one
    from U+E000) a new run starts, so each run is in both."""
    chunks: list[list[str]] = [[]]
    size = 0
    for term in sorted(sizes, key=utf16_key):
        current = chunks[-1]
        if current:
            limit = chunk_bytes * (FAMILY_CHUNKS if _same_family(current[-1], term) else 1)
            if size + sizes[term] > limit or term < current[-1]:
                chunks.append([])
                size = 0
        chunks[-1].append(term)
        size += sizes[term]
    return chunks


def _same_family(previous: str, term: str) -> bool:
    return len(previous) >= 2 and len(term) >= 2 and previous[:2] == term[:2]


@dataclass
class Segment:
    number: int
    pages: list[SearchPage]
    words: set[str]
    issues: list[str]  # the segment's issue keys, chronological

    @functools.cached_property
    def salt(self) -> str:
        return hashlib.sha256((CODE + "\n".join(sorted(self.words))).encode()).hexdigest()

    def key(self) -> str:
        """Everything the segment's index depends on: a changed key rebuilds it."""
        digest = hashlib.sha256(f"{FORMAT}|{BM25_B}|{FIELDS}|{self.salt}|{self.number}".encode())
        for p, page in enumerate(self.pages):
            for r, record in enumerate(page.records):
                digest.update(f"\0{p}.{r}\0{record.heading}\0{record.text}\0{record.prior}\0{record.also}".encode())
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
        result.append(Segment(len(result), [pg for key in keys for pg in by_issue.get(key, [])], words, keys))
    return result


def cluster_numbers(all_segments: list[Segment]) -> list[list[int]]:
    """Per segment, the cluster of each page (meta "clusters"): clusters are numbered in order of first
    appearance, so a new issue only adds numbers and the packs of earlier clusters keep their names."""
    numbers: dict[str, int] = {}
    return [[numbers.setdefault(cluster_title(page.title), len(numbers)) for page in segment.pages]
            for segment in all_segments]


def write_packs(site: Path, all_segments: list[Segment], places: PackPlaces) -> list[str]:
    """search/p/*.js: every record, and every page's facts, in the pack that PackPlaces names for it.
    Returns the packs' names, sorted. (A page without records has its facts in its first place's pack.)"""
    packs: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for segment in all_segments:
        for p, page in enumerate(segment.pages):
            facts = _page_json(page)
            page_id = f"{segment.number:x}-{p:x}"
            for r in range(max(1, len(page.records))):
                key = RefKey(segment.number, p, r)
                pages, records = packs.setdefault(places.pack_of(key), ({}, {}))
                pages.setdefault(page_id, facts)
                if page.records:
                    records[ref_text(key)] = _record_row(page, r)
    for name in sorted(packs):
        pages, records = packs[name]
        write_script(site, name, {"pages": pages, "records": records})
    return sorted(packs)


def _record_row(page: SearchPage, record: int) -> list[Any]:
    if not page.records:
        return []
    x = page.records[record]
    return [x.anchor, x.label, x.text, x.prior]


def build_segment(segment: Segment, tokens: TokenCache, cache: Path) -> Path:
    """The segment's index taken apart by term (terms.pickle) and its term counts (info.json): from
    the cache, or built now."""
    folder = cache / "segments" / segment.key()
    if _complete(folder):
        return folder
    tokenizer = _LazyTokenizer(segment.words)
    builder = PretokenizedBuilder()
    builder.search_pipeline.add(gazette_normalise)
    builder.ref("id")
    builder.b(BM25_B)
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    df: Counter[str] = Counter()
    for p, page in enumerate(segment.pages):
        for r, record in enumerate(page.records):
            heading = tokens.terms(record.heading, segment.salt, tokenizer)
            body = tokens.terms(record.text, segment.salt, tokenizer)
            if record.also:
                body = body + tokens.terms(record.also, segment.salt, tokenizer)
            df.update(set(heading) | set(body))
            key = RefKey(segment.number, p, r)
            builder.add_terms(ref_text(key), {"h": heading, "b": body})
    serialized = builder.build().serialize()
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")  # one per process
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with (tmp / "terms.pickle").open("wb") as handle:
        pickle.dump(term_entries(serialized), handle, protocol=pickle.HIGHEST_PROTOCOL)
    (tmp / "info.json").write_text(json.dumps({"df": df}, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return folder


def _complete(folder: Path) -> bool:
    return (folder / "info.json").exists() and (folder / "terms.pickle").exists()


def write_term_files(site: Path, folders: list[Path], chunk_bytes: int) -> tuple[list[str], int]:
    """i/<k>.js = [segment 0's index of the terms of range k, segment 1's, …]. Returns the ranges'
    separators (meta "chunks") and the files' bytes."""
    tables: list[dict[str, TermEntry]] = []
    for folder in folders:
        with (folder / "terms.pickle").open("rb") as handle:
            tables.append(pickle.load(handle))
    sizes: Counter[str] = Counter()
    for table in tables:
        for term, entry in table.items():
            sizes[term] += entry.size
    chunks = cut_chunks(sizes, chunk_bytes)
    head = {"version": lunr.__TARGET_JS_VERSION__, "fields": [name for name, _ in FIELDS], "pipeline": [PIPELINE_LABEL]}
    out = site / SEARCH_DIR / "i"
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for k, terms in enumerate(chunks):
        body = ",".join(chunk_json(head, terms, table) or "null" for table in tables)
        text = f'gazetteSearch.load("i/{k}",\n[{body}]\n);\n'
        (out / f"{k}.js").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    separators = [""] + [separator(chunks[k - 1][-1], chunks[k][0]) for k in range(1, len(chunks))]
    return separators, total


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
    # A small archive is prefetched whole (search.js): large packs, few requests. A larger one is
    # fetched as queries need it: a pack per cluster's nearby clauses, few bytes per candidate.
    small = sum(len(r.text.encode("utf-8")) for page in pages for r in page.records) <= SMALL_ARCHIVE_BYTES
    layout = SMALL_ARCHIVE_LAYOUT if small else LARGE_ARCHIVE_LAYOUT
    folders = []
    for segment in all_segments:
        reused += _complete(cache_dir / "segments" / segment.key())
        folder = build_segment(segment, tokens, cache_dir)
        folders.append(folder)
        info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
        df.update(info["df"])
        described.append({"pages": len(segment.pages)})
    tokens.save()
    clusters = cluster_numbers(all_segments)
    pack_names = write_packs(site, all_segments, PackPlaces(clusters, layout))
    chunks, index_bytes = write_term_files(site, folders, CHUNK_BYTES)
    meta = _meta(all_segments, described, chunks, df, registry, sorted(people(archive)))
    write_script(site, "meta", {**meta, "clusters": clusters, "pack_layout": layout.as_list(),
                                "index_bytes": index_bytes, "prefetch": small,
                                "packs": [name[2:] for name in pack_names] if small else None})
    records = sum(len(p.records) for p in pages)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return (f"{records} 条检索记录，{len(df)} 个词，{len(described)} 个分段（{reused} 个未变、沿用上次的索引），"
            f"{len(chunks)} 个词文件，{len(pack_names)} 个记录包，共 {size / 1e6:.1f} MB")


def _page_json(page: SearchPage) -> dict[str, Any]:
    """A page's facts in a record pack. Its status (已废止 …) can change when later issues arrive, so it
    is not here but in meta.js: a later issue adds to a pack, never changes what it holds."""
    return {
        "url": page.path, "title": page.title, "doc_number": page.doc_number, "kind": page.kind,
        "issuer": page.issuer, "date": page.date, "category": page.category, "issue": page.issue,
        "issue_label": page.issue_label, "notice_title": page.notice_title, "topics": page.topics,
    }


def _meta(all_segments: list[Segment], described: list[dict[str, Any]], chunks: list[str],
          df: Counter[str], registry: UnitRegistry, names: list[str]) -> dict[str, Any]:
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
        "records": sum(len(page.records) for _, _, page in pages),
        "vocab": {term: df[term] for term in sorted(df, key=utf16_key)},
        "chunks": chunks,
        # 文号 -> the ref of the page's first record (a candidate whenever the query names the 文号)
        "doc_numbers": [[page.doc_number, ref_text(RefKey(s, p, 0)), n.prefix, n.year, n.number]
                        for s, p, page in pages if page.doc_number and page.kind == "notice"
                        and (n := parse_doc_number(page.doc_number))],
        "facets": {
            "issue": [list(i) for i in issues],
            "category": sorted({page.category for _, _, page in pages if page.category}),
            "issuer": sorted({page.issuer for _, _, page in pages if page.issuer}),
            "status": sorted({page.status for _, _, page in pages if page.status}),
            "topic": sorted({topic for _, _, page in pages for topic in page.topics}),
        },
        "synonyms": synonym_table(),
        "unit_aliases": dict(sorted(aliases.items())),
        "people": names,
        # Pages not in force, by key; every other page is status_default (the one place it is named).
        "status": {f"{s:x}-{p:x}": page.status for s, p, page in pages if page.status != STATUS_ACTIVE},
        "status_default": STATUS_ACTIVE,
        "settings": SETTINGS,
        "fold": fold_pairs(),  # 繁体 -> simplified, as the index text was folded (tokenize.normalise)
    }
