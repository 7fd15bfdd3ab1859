"""`python -m gazette search QUERY`: the browser's search, from the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gazette.errors import InputError
from gazette.search.engine import SearchIndex, label_place


def run_search(query: str, site: Path, k: int = 10, as_json: bool = False,
               filters: dict[str, Any] | None = None) -> int:
    if not (site / "search" / "meta.js").exists():
        raise InputError("还没有检索索引：请先构建网站（python -m gazette build）", site / "search")
    index = SearchIndex(site)
    results = index.search(query, k=k, filters=filters)
    if as_json:
        payload = [{"url": r.url, "title": r.title, "doc_number": r.doc_number, "text": r.text, "snippet": r.snippet}
                   for r in results]
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return 0
    if not results:
        print(f"没有找到与“{query}”相关的内容。")
        return 0
    if not index.answers(query, results):
        titles = list(dict.fromkeys(r.title for r in results))[:3]
        print(f"未找到与“{query}”直接相关的条款。最接近的文件：{'；'.join(titles)}")
    for rank, r in enumerate(results, start=1):
        place = r.label if r.snippet.startswith("…") else label_place(r.label, r.text)
        where = f" {place}" if place else ""
        print(f"{rank:>2}. {r.title}{where}  [{r.doc_number or ''}]\n    {r.url}\n    {r.snippet}")
    return 0
