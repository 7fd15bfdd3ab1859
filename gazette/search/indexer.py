"""Build the search index into a built site: records -> jieba terms -> lunr.py -> shards.

The lunr index is built once over all records (so BM25 statistics are global) and then cut
into shards by term; each shard is a complete lunr 2.3.9 index that lunr.js loads with
lunr.Index.load. A query needs only the shards of its terms, so the first query of a
60-issue archive downloads a few hundred kilobytes, not the whole index.
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle
import shutil
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from lunr.builder import Builder
from lunr.pipeline import Pipeline

from gazette.link.archive import Archive
from gazette.search.files import FORMAT, SEARCH_DIR, shard_of, write_script
from gazette.search.records import SearchPage, contact_names, search_pages, user_words
from gazette.search.tokenize import IndexTokenizer, normalise
from gazette.text.docnumber import parse_doc_number
from gazette.units.registry import UnitRegistry

FIELDS = (("h", 2), ("b", 1))  # heading, body (field boosts)
TARGET_SHARD_BYTES = 48_000
BM25_B = 0.5
SYNONYMS = Path(__file__).resolve().parent / "data" / "synonyms.yaml"
PIPELINE_LABEL = "gazette-normalise"


def gazette_normalise(token: Any, i: int, tokens: list[Any]) -> Any:
    """lunr pipeline function: NFKC + lower case (search.js registers the same label)."""
    text = unicodedata.normalize("NFKC", str(token)).lower()
    if not text.strip():
        return None
    token.string = text
    return token


Pipeline.register_function(gazette_normalise, PIPELINE_LABEL)


class TokenCache:
    """jieba terms per text, kept between builds (segmentation is the slow part)."""

    def __init__(self, path: Path, salt: str):
        self.path, self.salt = path, salt
        self.data: dict[str, list[str]] = {}
        if path.exists():
            try:
                with path.open("rb") as handle:
                    stored = pickle.load(handle)
                if stored.get("salt") == salt:
                    self.data = stored["terms"]
            except (OSError, pickle.PickleError, EOFError, KeyError):
                self.data = {}
        self.used: dict[str, list[str]] = {}

    def terms(self, text: str, tokenizer: IndexTokenizer) -> list[str]:
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()
        terms = self.data.get(key)
        if terms is None:
            terms = tokenizer.terms(text)
        self.used[key] = terms
        return terms

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("wb") as handle:
            pickle.dump({"salt": self.salt, "terms": self.used}, handle, protocol=pickle.HIGHEST_PROTOCOL)


def _ref(page: int, record: int) -> str:
    return f"{page:x}.{record:x}"


def _shard_count(total_bytes: int) -> int:
    wanted = max(1, total_bytes // TARGET_SHARD_BYTES)
    return min(4096, 2 ** math.ceil(math.log2(wanted))) if wanted > 1 else 1


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
            parts.setdefault(owner[flat[i]], []).extend((flat[i], flat[i + 1]))
        for k, values in parts.items():
            vectors[k].append([field_ref, values])
    base = {key: value for key, value in serialized.items() if key not in ("invertedIndex", "fieldVectors")}
    return [{**base, "fieldVectors": vectors[k], "invertedIndex": inverted[k]} for k in range(shards)]


def _json_posting(value: Any) -> Any:
    """lunr.py postings hold defaultdicts; make them plain JSON."""
    return json.loads(json.dumps(value))


def build_search_index(site: Path, cache_dir: Path, archive: Archive, registry: UnitRegistry | None = None) -> str:
    """Write site/search/*: returns a one-line summary for the build log."""
    from gazette.units.registry import load_registry

    registry = registry or load_registry()
    pages = search_pages(archive)
    unit_names = sorted({n for u in registry.units.values() for n in (u.name, u.short, *u.aliases)})
    words = user_words(archive, unit_names)
    salt = hashlib.sha256(("\n".join(sorted(words)) + str(FORMAT)).encode()).hexdigest()
    tokens = TokenCache(cache_dir / "terms.pickle", salt)
    tokenizer = _LazyTokenizer(words)
    builder = Builder()
    builder.pipeline.add(gazette_normalise)
    builder.search_pipeline.add(gazette_normalise)
    builder.ref("id")
    # Records range from one line to a long member list: soften BM25's length penalty (lunr default 0.75).
    builder.b(BM25_B)
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    df: Counter[str] = Counter()
    for p, page in enumerate(pages):
        for r, record in enumerate(page.records):
            heading = tokens.terms(record.heading, tokenizer)
            body = tokens.terms(record.text, tokenizer)
            df.update(set(heading) | set(body))
            builder.add({"id": _ref(p, r), "h": " ".join(heading), "b": " ".join(body)})
    tokens.save()
    index = builder.build()
    serialized = _json_posting(index.serialize())
    serialized["pipeline"] = [PIPELINE_LABEL]
    total = len(json.dumps(serialized, ensure_ascii=False).encode("utf-8"))
    shards = _shard_count(total)
    out = site / SEARCH_DIR
    if out.exists():
        shutil.rmtree(out)
    written = 0
    for k, shard in enumerate(split_index(serialized, shards)):
        written += write_script(site, f"i/{k}", shard)
    vocab_shards = max(1, shards // 4)
    vocab: list[dict[str, int]] = [{} for _ in range(vocab_shards)]
    for term in sorted(df):
        vocab[shard_of(term[0], vocab_shards)][term] = df[term]
    for k, part in enumerate(vocab):
        written += write_script(site, f"v/{k}", part)
    for p, page in enumerate(pages):
        written += write_script(site, f"p/{p:x}", _page_json(page))
    written += write_script(site, "meta", _meta(pages, shards, vocab_shards, registry, people(archive)))
    records = sum(len(p.records) for p in pages)
    return f"{records} records, {len(df)} terms, {shards} index shards, {written / 1e6:.1f} MB"


class _LazyTokenizer:
    """jieba takes a second to load: only load it when a text is not in the cache."""

    def __init__(self, words: set[str]):
        self.words = words
        self._real: IndexTokenizer | None = None

    def terms(self, text: str) -> list[str]:
        if self._real is None:
            self._real = IndexTokenizer(self.words)
        return self._real.terms(text)


def _page_json(page: SearchPage) -> dict[str, Any]:
    return {
        "url": page.path, "title": page.title, "doc_number": page.doc_number, "kind": page.kind,
        "issuer": page.issuer, "date": page.date, "category": page.category, "issue": page.issue,
        "issue_label": page.issue_label, "notice_title": page.notice_title, "status": page.status,
        "records": [[r.anchor, r.label, r.text] for r in page.records],
    }


def people(archive: Archive) -> list[str]:
    names: set[str] = set()
    for parsed in archive.issues:
        for document in parsed.documents:
            names.update(normalise(a.person) for a in document.appointments)
            names.update(normalise(m.person) for m in document.members)
            for embedded in document.embedded:
                names.update(normalise(m.person) for m in embedded.members)
        for text in parsed.lines:
            names.update(contact_names(text))
    return sorted(n for n in names if len(n) >= 2)


def _meta(pages: list[SearchPage], shards: int, vocab_shards: int, registry: UnitRegistry,
          names: list[str]) -> dict[str, Any]:
    synonyms = yaml.safe_load(SYNONYMS.read_text(encoding="utf-8"))
    aliases: dict[str, list[str]] = {}
    for unit in registry.units.values():
        names = sorted({normalise(n) for n in (unit.name, unit.short, *unit.aliases)})
        for name in names:
            aliases[name] = [n for n in names if n != name]
    issues = sorted({(p.issue, p.issue_label) for p in pages}, reverse=True)
    return {
        "format": FORMAT,
        "pages": len(pages),
        "records": sum(len(p.records) for p in pages),
        "shards": shards,
        "vocab_shards": vocab_shards,
        "doc_numbers": [[p.doc_number, i, n.prefix, n.year, n.number] for i, p in enumerate(pages)
                        if p.doc_number and p.kind == "notice" and (n := parse_doc_number(p.doc_number))],
        "facets": {
            "issue": [list(i) for i in issues],
            "category": sorted({p.category for p in pages if p.category}),
            "issuer": sorted({p.issuer for p in pages if p.issuer}),
        },
        "synonyms": {normalise(k): [normalise(v) for v in vs] for k, vs in sorted(synonyms.items())},
        "unit_aliases": dict(sorted(aliases.items())),
        "people": names,
    }
