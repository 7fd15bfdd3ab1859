"""Keys of the caches under .cache/: a cache keyed by them cannot outlive a code change.

Every cache takes the hash of the WHOLE package source, not of a list of the modules thought
to matter (a new module would be missed silently), plus a format version of its own, raised
when the layout of its entries changes.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import gazette

ROOT = Path(gazette.__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """Hash of every file of the `gazette` package (code, templates, data, assets), by path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.rglob("*")):
        if path.is_file() and "__pycache__" not in path.relative_to(ROOT).parts:
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_fingerprint(cache: str, version: int) -> str:
    """The code part of every key of cache `cache` (its name, its format version, the package)."""
    return hashlib.sha256(f"{cache}\0{version}\0{package_fingerprint()}".encode()).hexdigest()
