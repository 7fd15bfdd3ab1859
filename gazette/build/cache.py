"""Content-hash cache of parsed issues: an unchanged bulletin is not parsed again.

The key covers the bulletin bytes, its errata, the unit lists, the cache's format version and
the package's source (gazette.fingerprint), so a change to any of them re-parses.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from pathlib import Path

from gazette.fingerprint import cache_fingerprint
from gazette.model import ParsedIssue

FORMAT_VERSION = 1  # raise when what an entry holds changes shape


class ParseCache:
    def __init__(self, folder: Path, enabled: bool = True):
        self.folder = folder
        self.enabled = enabled
        self._code = cache_fingerprint("parsed", FORMAT_VERSION) if enabled else ""

    def key(self, bulletin: Path, *extra_files: Path, extra: str = "") -> str:
        digest = hashlib.sha256(self._code.encode())
        digest.update(bulletin.read_bytes())
        for path in extra_files:
            digest.update(path.read_bytes() if path.exists() else b"-")
        digest.update(extra.encode())
        return digest.hexdigest()

    def get(self, key: str, source_path: str) -> ParsedIssue | None:
        """The cached issue, as read from `source_path` now (entries do not know where they were parsed)."""
        path = self.folder / f"{key}.pickle"
        if not self.enabled or not path.exists():
            return None
        try:
            with path.open("rb") as handle:
                parsed = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError):
            return None  # a stale or broken entry is simply rebuilt
        return dataclasses.replace(parsed, source_path=source_path)

    def put(self, key: str, parsed: ParsedIssue) -> None:
        if not self.enabled:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{key}.{os.getpid()}.tmp"  # one per process: two builds never share it
        # No machine path in the entry: a copied or moved project reuses it and reports its own paths.
        neutral = dataclasses.replace(parsed, source_path=Path(parsed.source_path).name)
        with tmp.open("wb") as handle:
            pickle.dump(neutral, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.folder / f"{key}.pickle")
