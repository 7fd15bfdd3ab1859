"""Links to the original PDF of an imported issue (查看原件第 N 页) and where the site keeps it."""

from __future__ import annotations

from gazette.link.ids import issue_path
from gazette.model import ParsedIssue
from gazette.render.markup import link


def pdf_site_path(parsed: ParsedIssue) -> str | None:
    """'2020/04/2020-04.pdf': the PDF beside the issue's pages, when the issue was imported from one."""
    if parsed.pages is None:
        return None
    return f"{issue_path(parsed.issue.key)}/{parsed.issue.key}.pdf"


def original_link(from_path: str, parsed: ParsedIssue, line: int) -> str | None:
    """'查看原件第 N 页' for the page `line` is printed on (N as printed; the link opens that PDF page)."""
    target = pdf_site_path(parsed)
    pages = parsed.pages
    pdf_page = pages.pdf_page(line) if pages is not None else None
    if target is None or pages is None or pdf_page is None:
        return None
    shown = pages.printed_page(line) or pdf_page
    return link(from_path, f"{target}#page={pdf_page}", f"查看原件第 {shown} 页", css="gz-original")
