"""Outputs rewritten only when they change: an unchanged file keeps the live file (its bytes, inode and mtime).

A build writes into a staging copy of `site/` and `docs/` (gazette/build/pipeline.py) that is swapped in
at the end. Here a staged file that is byte-identical to the live one is replaced by a hard link to it
(a copy with its times when the two are on different file systems), so after the swap a web server's
caches and an rsync of `site/` see only what changed. Outputs that are slow to make (XLSX, SQLite, ICS)
are also keyed by their inputs: when the key recorded for the live file is unchanged, the live file is
taken as it is and nothing is generated (`OutputTree.produce`).

The keys of the live tree are kept in the cache folder (outputs/<tree>.json) and replaced only after the
swap (`commit`): a failed build leaves the keys describing the site that stayed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazette.fingerprint import cache_fingerprint

FORMAT_VERSION = 1  # raise when the key file changes shape
# Output kinds counted in the report, by where a file lies in the site (the first match wins).
KINDS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("检索文件", lambda p: p.startswith("search/")),
    ("订阅", lambda p: p.startswith("feeds/")),
    ("开放数据表", lambda p: p.startswith("data/") and not p.endswith(".html")),
    ("任务台账文件", lambda p: p.rsplit(".", 1)[-1] in ("csv", "xlsx", "ics") and "任务台账" in p.rsplit("/", 1)[-1]),
    ("页面", lambda p: p.endswith(".html")),
    ("Markdown", lambda p: p.endswith(".md")),
)
OTHER = "其他文件"


def kind_of(relative: str) -> str:
    return next((name for name, test in KINDS if test(relative)), OTHER)


def content_key(*parts: Any) -> str:
    """The key of an output made from `parts` (rows, titles, dates …) by this version of the package."""
    digest = hashlib.sha256(cache_fingerprint("outputs", FORMAT_VERSION).encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()


@dataclass
class OutputStats:
    """Per kind of output: files rewritten (new or changed) and files kept as they were."""

    written: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    generated_skipped: Counter[str] = field(default_factory=Counter)  # kept by key: not even generated

    def merge(self, other: OutputStats) -> None:
        self.written.update(other.written)
        self.kept.update(other.kept)
        self.generated_skipped.update(other.generated_skipped)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev)


def _link_live(live: Path, staged: Path) -> None:
    """`staged` becomes the live file (same inode, so same mtime). The staging tree is not served, so
    plain unlink-and-link (the file system is slow at metadata: no temporary file and rename)."""
    staged.unlink(missing_ok=True)
    try:
        staged.hardlink_to(live)
    except OSError:
        shutil.copy2(live, staged)


def _write_new(target: Path, data: bytes) -> None:
    """A new file: never written through an existing one (it may be a link to the live tree)."""
    target.unlink(missing_ok=True)
    target.write_bytes(data)


class OutputTree:
    """One output tree (`site/` or `docs/`): its staging folder, the live folder and the live files' keys."""

    def __init__(self, name: str, staged: Path, live: Path | None = None, key_folder: Path | None = None,
                 enabled: bool = True):
        """`live` None: nothing to compare with (every file is written); `enabled` False: keys not trusted (--full)."""
        self.name, self.staged = name, staged
        self.live = live if live is not None else staged / ".no-live-tree"
        self.key_file = key_folder / f"{name}.json" if key_folder is not None else None
        self.stats = OutputStats()
        self._keys: dict[str, list[Any]] = {}  # relative path -> [key, size] of the live tree
        self._new_keys: dict[str, list[Any]] = {}
        self._counted: set[str] = set()  # written through write() or produce(): counted there
        if enabled and self.key_file is not None and self.key_file.exists() and self.live.is_dir():
            try:
                self._keys = json.loads(self.key_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._keys = {}

    def write(self, relative: str, data: bytes) -> bool:
        """Write `data` at `relative` in the staging tree (through a new file: never into a linked one);
        when the live file holds the same bytes, the staged file is that file. True when rewritten."""
        self._counted.add(relative)
        target = self.staged / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        live = self.live / relative
        if live.is_file() and live.stat().st_size == len(data) and live.read_bytes() == data:
            _link_live(live, target)
            self.stats.kept[kind_of(relative)] += 1
            return False
        _write_new(target, data)
        self.stats.written[kind_of(relative)] += 1
        return True

    def produce(self, relative: str, key: str, make: Callable[[], bytes]) -> bool:
        """The output at `relative` made by `make()` from inputs whose content key is `key`: not made at
        all when the live file was made from the same key. True when rewritten."""
        live = self.live / relative
        recorded = self._keys.get(relative)
        self._new_keys[relative] = [key, None]
        if recorded is not None and recorded[0] == key and live.is_file() and live.stat().st_size == recorded[1]:
            target = self.staged / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_live(live, target)
            self.stats.kept[kind_of(relative)] += 1
            self.stats.generated_skipped[kind_of(relative)] += 1
            self._new_keys[relative][1] = recorded[1]
            self._counted.add(relative)
            return False
        data = make()
        self._new_keys[relative][1] = len(data)
        return self.write(relative, data)

    def keep_unchanged(self, skip: Iterable[str] = ()) -> None:
        """After every stage wrote into the staging tree: each staged file not written through this
        object that equals its live file becomes the live file. Counts every file by kind."""
        counted = self._counted | set(skip)
        for path in sorted(p for p in self.staged.rglob("*") if p.is_file()):
            relative = path.relative_to(self.staged).as_posix()
            if relative in counted:
                continue
            live = self.live / relative
            kind = kind_of(relative)
            try:
                live_stat, stat = live.stat(), path.stat()
            except OSError:
                self.stats.written[kind] += 1
                continue
            if _same_file(live_stat, stat):
                self.stats.kept[kind] += 1
            elif live_stat.st_size == stat.st_size and live.read_bytes() == path.read_bytes():
                _link_live(live, path)
                self.stats.kept[kind] += 1
            else:
                self.stats.written[kind] += 1

    def commit(self) -> None:
        """The staged tree is live now: its keys are the ones the next build compares against."""
        if self.key_file is None:
            return
        self.key_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.key_file.with_name(f"{self.key_file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self._new_keys, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        tmp.replace(self.key_file)
