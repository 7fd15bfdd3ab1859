"""Which document pages a build must render again, from the link stage's relations.

A document page's Markdown is made of its own issue (text, errata, findings: the issue's parse key) and
of what the link stage relates it to: the pages it cites and that cite it (their titles, 文号, issues and
the articles a citation names), what it repeals or amends and what repeals or amends it, its 时效, its
topics, its work's versions, its series, the notice that issues it or the documents it issues. Each page
gets a key of exactly these; a page whose key is the one recorded for the live docs/ is not rendered
again. A new issue thus renders its own pages and the pages it reaches through a relation: a document
it repeals (its 时效, 被废止 card and cited-by list change), a document it cites (cited-by), the versions
of a regulation it amends. Listing pages (home, issues, years, browse, units, topics, ledger, 时效)
read the whole archive and are always rendered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gazette.fingerprint import cache_fingerprint
from gazette.link.archive import Archive, PageRef

FORMAT_VERSION = 1  # raise when the key's parts or the record's shape change
RECORD = "markdown-keys.json"  # in the cache folder: the keys of the live docs/ pages


@dataclass(frozen=True)
class PageKeys:
    """Per document page (its path in the archive): the key of what its Markdown is made of."""

    keys: dict[str, str]

    def affected(self, previous: Mapping[str, str]) -> set[str]:
        """Pages whose inputs differ from those recorded for the live docs/ (new pages included)."""
        return {path for path, key in self.keys.items() if previous.get(path) != key}


def related(archive: Archive, page: PageRef) -> list[str]:
    """Every page whose content `page`'s Markdown shows (sorted, itself excluded)."""
    paths = set(page.cites) | set(page.cited_by) | set(page.resolved.values())
    paths |= {s.path for s in page.supersedes if s.path} | {s.path for s in page.superseded_by}
    if page.embedded:
        paths.add(page.family)
    paths |= {archive.embedded_page(e).path for e in page.document.embedded} if page.kind == "notice" else set()
    paths |= set(archive.series_of.get(page.path, ()))
    if work := archive.work_of.get(page.path):
        for version in work.versions:
            paths |= {version.path, *([version.made_by] if version.made_by else [])}
    paths.discard(page.path)
    return sorted(p for p in {p.split("#", 1)[0] for p in paths} if p in archive.pages)


def page_keys(archive: Archive, issue_keys: Mapping[str, str], setting: object = None) -> PageKeys:
    """Each document page's key. `issue_keys`: issue key -> its parse key (everything its text and
    parse came from); `setting`: what else every page is rendered with (the as-of date …)."""
    cities = sorted({p.issue.city for p in archive.issues if p.issue.city})  # a title "names itself" by them
    common = json.dumps([cache_fingerprint("markdown", FORMAT_VERSION), cities, repr(setting)], ensure_ascii=False)
    keys: dict[str, str] = {}
    for path, page in archive.pages.items():
        work = archive.work_of.get(path)
        parts = [
            common, path, page.kind, issue_keys[page.issue.issue.key],
            page.cites, page.cited_by, sorted(page.resolved.items()), repr(page.unheld),
            repr(page.supersedes), repr(page.superseded_by), page.status, repr(page.validity), repr(page.topics),
            repr(work) if work else None, archive.series_of.get(path),
            [(p, issue_keys[archive.pages[p].issue.issue.key], archive.pages[p].status,
              repr(archive.pages[p].superseded_by)) for p in related(archive, page)],
        ]
        keys[path] = hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()
    return PageKeys(keys)


@dataclass
class KeyRecord:
    """The keys the live docs/ pages were rendered from, each with the digest of the Markdown it gave
    (a page edited or lost since is rendered again)."""

    path: Path
    entries: dict[str, list[str]] = field(default_factory=dict)  # page path -> [key, sha256 of its Markdown]

    @classmethod
    def load(cls, folder: Path, enabled: bool = True) -> KeyRecord:
        record = cls(folder / RECORD)
        if enabled and record.path.exists():
            try:
                record.entries = json.loads(record.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                record.entries = {}
        return record

    def keys(self) -> dict[str, str]:
        return {path: entry[0] for path, entry in self.entries.items()}

    def reusable(self, path: str, text: str) -> bool:
        """Is `text` (the live page's Markdown) what was recorded for `path`?"""
        entry = self.entries.get(path)
        return entry is not None and entry[1] == digest(text)

    def save(self, keys: PageKeys, texts: Mapping[str, str]) -> None:
        """After the swap: `texts` (page path -> Markdown) are live now, made from `keys`."""
        entries = {path: [key, digest(texts[path])] for path, key in sorted(keys.keys.items()) if path in texts}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
