"""`python -m gazette versions`: every amended regulation (work) with its versions and articles.

Uses the same parse cache, link stage and work builder as the site (gazette.link.works), so it
prints what the version pages show.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from gazette.build.validity import load_archive
from gazette.link.archive import Archive
from gazette.link.works import Work


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def work_record(archive: Archive, work: Work) -> dict[str, Any]:
    versions = []
    for version in work.versions:
        made_by = archive.pages[version.made_by] if version.made_by else None
        changes = {c.number: c for c in version.changes}
        versions.append({
            "version": version.number, "url": "/" + version.path, "title": archive.pages[version.path].title,
            "effective_from": _iso(version.effective_from), "effective_to": _iso(version.effective_to),
            "made_by": {"url": "/" + made_by.path, "doc_number": made_by.document.doc_number,
                        "title": made_by.title, "date": _iso(made_by.date)} if made_by else None,
            "deleted_from_previous": version.deleted,
            "articles": [{"number": a.number, "label": a.label, "anchor": a.anchor, "text": a.text,
                          "change": changes[a.number].change if a.number in changes else None,
                          "previous_number": changes[a.number].previous if a.number in changes else None}
                         for a in version.articles],
        })
    return {"title": work.title, "url": "/" + work.url, "versions": versions}


def records(archive: Archive) -> list[dict[str, Any]]:
    return [work_record(archive, work) for work in archive.works]


def run_versions(root: Path, as_json: bool, out: TextIO | None = None, bulletins: Path | None = None) -> int:
    out = out or sys.stdout
    archive = load_archive(root, bulletins)
    rows = records(archive)
    if as_json:
        json.dump({"works": rows}, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    print(f"经修改的文件 {len(rows)} 件", file=out)
    for work in rows:
        print(f"《{work['title']}》 {work['url']}", file=out)
        for v in work["versions"]:
            made = v["made_by"]["doc_number"] if v["made_by"] else "原文"
            span = f"{v['effective_from'] or '未载明'} 至 {v['effective_to'] or '今'}"
            print(f"  第{v['version']}版\t{span}\t{made}\t{len(v['articles'])} 条\t{v['url']}", file=out)
    return 0
