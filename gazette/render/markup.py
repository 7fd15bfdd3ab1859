"""Escaping: bulletin text must render literally, whatever characters it holds."""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from typing import Any

import yaml

# Python-Markdown's escapable characters (core, plus | from the tables extension). Only these:
# a backslash before any other character would show on the page.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def esc(text: str) -> str:
    """Text for an HTML block: <, >, & and quotes become entities."""
    return html.escape(text, quote=True)


def esc_md(text: str) -> str:
    """Text for a Markdown heading or link label: HTML-escaped, then Markdown-escaped.

    Entities from html.escape (&amp; …) keep their '&' and ';' unescaped so that they decode.
    """
    out = []
    for piece in re.split(r"(&(?:amp|lt|gt|quot|#x27);)", html.escape(text, quote=True)):
        if piece.startswith("&") and piece.endswith(";"):
            out.append(piece)
        else:
            out.append(_MD_SPECIAL.sub(r"\\\1", piece))
    return "".join(out)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """Text for a CSV that spreadsheets open: a cell that would start a formula (=, +, -, @)
    keeps a leading apostrophe, so a spreadsheet shows it as text and never runs it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def attr(text: str) -> str:
    """A value for an attr_list attribute ({: data-toc-label="…"})."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


@functools.lru_cache(maxsize=262144)
def relative_url(from_path: str, to_path: str) -> str:
    """URL of page `to_path` ('2020/04/x/') as seen from page `from_path` (directory URLs).

    Pure string work on the path segments (posixpath.relpath consults the file system's cwd)."""
    anchor = ""
    if "#" in to_path:
        to_path, anchor = to_path.split("#", 1)
        anchor = "#" + anchor
    base = from_path if from_path.endswith("/") or not from_path else posixpath.dirname(from_path) + "/"
    source = [p for p in base.split("/") if p]
    target = [p for p in to_path.split("/") if p]
    common = 0
    while common < min(len(source), len(target)) and source[common] == target[common]:
        common += 1
    parts = [".."] * (len(source) - common) + target[common:]
    rel = "/".join(parts)
    if not rel:
        rel = "./"
    elif to_path.endswith("/"):
        rel += "/"
    return rel + anchor


def link(from_path: str, to_path: str, text: str, css: str | None = None, title: str | None = None) -> str:
    cls = f' class="{css}"' if css else ""
    tip = f' title="{esc(title)}"' if title else ""
    return f'<a href="{esc(relative_url(from_path, to_path))}"{cls}{tip}>{esc(text)}</a>'


def table_row(*cells: str) -> str:
    """A <tr> of <td> cells; each cell is markup already (escape text with esc, links with link)."""
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def list_table(head: Sequence[str] | str, rows: Iterable[str], css: str = "gz-list") -> str:
    """The site's table of documents, tasks, people …, in the wrapper that scrolls on a phone.

    `head`: the column names (escaped here), or the header cells' markup when they carry attributes;
    `rows`: <tr> markup (table_row)."""
    cells = head if isinstance(head, str) else "".join(f"<th>{esc(name)}</th>" for name in head)
    return (f'<div class="gz-table-wrap"><table class="{css}"><thead><tr>{cells}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def item_list(css: str, items: Iterable[str]) -> list[str]:
    """Lines of a <ul>: one <li> a line (items are markup already), closed, then a blank line."""
    return [f'<ul class="{css}">', *(f"<li>{item}</li>" for item in items), "</ul>", ""]


def definition_list(rows: Iterable[tuple[str, str]], css: str, data: dict[str, str] | None = None) -> str:
    """<dl> of (term, markup) pairs: the term is escaped, the description is markup already; `data`:
    data-* attributes (text, escaped)."""
    extra = "".join(f' data-{k}="{esc(v)}"' for k, v in (data or {}).items())
    return f'<dl class="{css}"{extra}>' + "".join(f"<dt>{esc(term)}</dt><dd>{value}</dd>" for term, value in rows) + "</dl>"


def md_source_path(page_path: str) -> str:
    """Markdown file for a page path: 'a/b/' -> 'a/b/index.md', '' -> 'index.md'."""
    return f"{page_path}index.md" if page_path.endswith("/") or not page_path else f"{page_path}.md"


# libyaml's emitter when PyYAML has it (same output, many times faster on 3,000 pages).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter_block(data: dict[str, Any]) -> list[str]:
    """The one writer of page front-matter: a YAML library quotes every value, so a name with
    YAML syntax in it (`*a`, `[x]`, `: #`) stays its own text. Lines, ending with a blank one."""
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False)
    return ["---", text.rstrip(), "---", ""]
