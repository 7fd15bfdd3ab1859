"""Hashes of the package's own source: a cache keyed by them cannot outlive a code change."""

from __future__ import annotations

import hashlib
from pathlib import Path

import gazette

ROOT = Path(gazette.__file__).resolve().parent


def source_fingerprint(*parts: str) -> str:
    """Hash of the named sub-packages or modules of `gazette` (their .py, .yaml, .json, .html, .js, .css, .md)."""
    digest = hashlib.sha256()
    for part in parts:
        target = ROOT / part
        files = sorted(target.rglob("*")) if target.is_dir() else [target]
        for path in files:
            if path.is_file() and path.suffix in (".py", ".yaml", ".json", ".html", ".js", ".css", ".md"):
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
