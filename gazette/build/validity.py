"""`python -m gazette validity`: every page's 时效 as of a date, from the bulletins folder.

Uses the build's parse cache (unchanged issues are loaded, not parsed) and the same link and
validity stages as the site, so it prints exactly what the pages say.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from gazette.asof import resolve_as_of
from gazette.build.cache import ParseCache
from gazette.build.pipeline import BuildOptions, Progress, discover, parse_all
from gazette.build.report import BuildReport
from gazette.errors import BuildError
from gazette.link.archive import Archive, link_archive
from gazette.link.validity import assess


def load_archive(root: Path, bulletins: Path | None = None, cache_dir: Path | None = None) -> Archive:
    folder = bulletins or root / "bulletins"
    files = discover(folder)
    report = BuildReport()
    quiet = Progress(BuildOptions(root=root, quiet=True))
    parsed = parse_all(files, folder, ParseCache((cache_dir or root / ".cache") / "parsed"), quiet, report)
    problems = report.fatal + [text for i in report.issues for _, text in i.errors]
    if problems:
        raise BuildError(problems[0])
    return link_archive(parsed)


def records(archive: Archive) -> list[dict[str, Any]]:
    """{title, doc_number, url, status, effective_from, expires, basis} for every page, in path order."""
    out = []
    for path in sorted(archive.pages):
        page = archive.pages[path]
        v = page.validity
        assert v is not None
        out.append({
            "title": page.title, "doc_number": page.document.doc_number, "url": "/" + path,
            "status": v.status.value if v.status else None,  # None: no 时效 (任免)
            "effective_from": v.effective_from.isoformat() if v.effective_from else None,
            "expires": v.expires.isoformat() if v.expires else None,
            "basis": [{"kind": b.kind.value, "text": b.text, "url": "/" + b.path} for b in v.basis],
        })
    return out


def run_validity(root: Path, as_of: dt.date | None, as_json: bool, out: TextIO | None = None,
                 bulletins: Path | None = None) -> int:
    out = out or sys.stdout
    archive = load_archive(root, bulletins)
    day = resolve_as_of(as_of)
    assess(archive, day)
    rows = records(archive)
    if as_json:
        json.dump({"as_of": day.isoformat(), "documents": rows}, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    print(f"时效判断日期 {day.isoformat()}（共 {len(rows)} 件）", file=out)
    for row in rows:
        span = f"施行 {row['effective_from'] or '未载明'} 有效期至 {row['expires'] or '未载明'}"
        print(f"{row['status'] or '无时效'}\t{span}\t{row['doc_number'] or ''}\t{row['title']}\t{row['url']}", file=out)
    return 0
