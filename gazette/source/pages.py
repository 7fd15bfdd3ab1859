"""The page sidecar of an imported bulletin: `YYYY-NN.pages.json` beside `YYYY-NN.txt`.

The text file stays the plain verbatim text; the sidecar says on which page of the PDF
(and under which printed page number) each of its lines stands. It names the text it
belongs to by hash: a text file edited after the import no longer matches, and its
pages are then unknown rather than wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

from gazette.model import SourcePages

SCHEMA = "gazette.pages/1"
SUFFIX = ".pages.json"


def sidecar_path(text_file: Path) -> Path:
    return text_file.with_name(text_file.stem + SUFFIX)


def write_sidecar(text_file: Path, text_sha256: str, pages: SourcePages, removed: list[list],
                  normalised: list[list] | None = None) -> Path:
    """`lines`: [pdf page, printed page] per line of the text; `removed`: [pdf page, kind, text] of
    every running head and page number the import took out; `normalised`: [line, kind, pdf page,
    context] of every change of spacing against the PDF's characters (gazette.pdfimport.lines)."""
    path = sidecar_path(text_file)
    data = {"schema": SCHEMA, "text_sha256": text_sha256, "pdf": pages.pdf,
            "lines": [[pdf, printed] for pdf, printed in zip(pages.pdf_pages, pages.printed_pages, strict=True)],
            "removed": removed, "normalised": normalised or []}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def load_sidecar(text_file: Path, text_sha256: str, line_count: int) -> tuple[SourcePages | None, str | None]:
    """The pages of the text's lines, or (None, why not) when the sidecar is missing, stale or broken."""
    path = sidecar_path(text_file)
    if not path.exists():
        return None, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != SCHEMA:
            return None, f"{path.name}: unknown schema {data.get('schema')!r}; pages ignored"
        if data.get("text_sha256") != text_sha256:
            return None, f"{path.name}: written for another version of the text; pages ignored (run import again)"
        rows = data["lines"]
        pdf_pages = [int(row[0]) for row in rows]
        printed = [int(row[1]) if row[1] is not None else None for row in rows]
        pdf = str(data["pdf"])
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        return None, f"{path.name}: unreadable page sidecar ({type(exc).__name__}); pages ignored"
    if len(pdf_pages) != line_count or Path(pdf).name != pdf:
        return None, f"{path.name}: does not match the text ({len(pdf_pages)} lines for {line_count}); pages ignored"
    if not (text_file.parent / pdf).is_file():
        return None, f"{path.name}: the original {pdf} is not beside the text; pages and PDF links left out"
    return SourcePages(pdf, pdf_pages, printed), None
