"""The whole build keyed by its inputs: when nothing it reads changed since the build that made the live
site, and the live `site/` and `docs/` are still the files that build left, nothing is rendered again.

The inputs are every file in bulletins/ (texts, PDFs, page sidecars, units, errata, topics), mkdocs.yml,
the package (gazette.fingerprint: code, templates, assets) and the versions of the libraries that render
(mkdocs, Material, Markdown, lunr, jieba, openpyxl …), the as-of date and the options that change output.
The live trees are checked file by file (path, size, modification time): a file removed, added or edited
by hand makes the build run.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from gazette.fingerprint import cache_fingerprint

FORMAT_VERSION = 1
_LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "lunr", "jieba", "openpyxl", "icalendar", "sqlite-utils",
              "feedgen", "pyyaml", "pypinyin")
STATE_FILE = "outputs/inputs.json"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def inputs_key(bulletins: Path, config_file: Path, as_of: Any, options: dict[str, Any]) -> str:
    digest = hashlib.sha256(cache_fingerprint("inputs", FORMAT_VERSION).encode())
    digest.update(json.dumps([[_version(n) for n in _LIBRARIES], str(as_of), options], sort_keys=True,
                             default=str).encode())
    for path in [config_file, *sorted(p for p in bulletins.rglob("*") if p.is_file())]:
        digest.update(b"\0" + path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


def _listing(tree: Path) -> dict[str, list[int]]:
    listing = {}
    for folder, _, names in os.walk(tree):
        for name in names:
            path = Path(folder) / name
            stat = path.stat()
            listing[path.relative_to(tree).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return listing


def unchanged(cache_root: Path, key: str, trees: dict[str, Path]) -> dict[str, Any] | None:
    """What the build of inputs `key` recorded (its `facts`), when the live trees are the ones it left."""
    state_file = cache_root / STATE_FILE
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("key") != key or set(state.get("trees", {})) != set(trees):
        return None
    if not all(tree.is_dir() and _listing(tree) == state["trees"][name] for name, tree in trees.items()):
        return None
    facts: dict[str, Any] = state.get("facts", {})
    return facts


def record(cache_root: Path, key: str, trees: dict[str, Path], facts: dict[str, Any]) -> None:
    """After a successful swap: the live trees are the output of inputs `key` (with `facts` for the report)."""
    state_file = cache_root / STATE_FILE
    state_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = state_file.with_name(f"{state_file.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"key": key, "trees": {n: _listing(t) for n, t in trees.items()}, "facts": facts}),
                   encoding="utf-8")
    tmp.replace(state_file)


def forget(cache_root: Path) -> None:
    (cache_root / STATE_FILE).unlink(missing_ok=True)
