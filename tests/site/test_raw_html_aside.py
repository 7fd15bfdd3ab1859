"""Raw HTML set aside during mkdocs' Markdown conversion (gazette/site/rawhtml.py) gives the HTML, table of
contents and anchors that converting the whole page gives, on every page of a built site."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.structure.pages import _RawHTMLPreprocessor
from mkdocs.utils.meta import get_data

from gazette.site.config import load_mkdocs_config
from gazette.site.rawhtml import MIN_BYTES, Aside, set_aside
from tests.support import REPO


def _convert(config, text: str) -> tuple[str, set[str], list]:
    """As mkdocs' Page.render converts: the site's extensions, plus mkdocs' own raw-HTML anchor scan."""
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
    scan = _RawHTMLPreprocessor()
    scan._register(md)
    html = md.convert(text)
    return html, scan.present_anchor_ids, md.toc_tokens


def test_every_page_converts_the_same_with_its_tables_set_aside(three_issue_site):
    docs = three_issue_site.docs
    config = load_mkdocs_config(REPO / "mkdocs.yml", docs_dir=str(docs), site_dir=str(three_issue_site.site))
    aside_pages = 0
    for path in sorted(docs.rglob("*.md")):
        text = get_data(path.read_text(encoding="utf-8-sig"))[0]
        whole = _convert(config, text)
        stripped, aside = set_aside(text)
        if aside is None:
            assert stripped == text
            continue
        aside_pages += 1
        html, anchors, toc = _convert(config, stripped)
        assert (aside.restore(html), anchors | aside.anchors, toc) == whole, path
    assert aside_pages > 20  # the ledgers, unit pages, listings and long document tables


def test_only_whole_single_line_elements_are_set_aside():
    cell = "<td>" + "字" * MIN_BYTES + "</td>"
    table = f'<div class="gz-table-wrap"><table id="t1"><tr>{cell}</tr></table><div id="n&amp;2"></div></div>'
    text, aside = set_aside(f"# 标题\n\n{table}\n\n正文")
    assert aside is not None and aside.blocks == (table,) and aside.anchors == {"t1", "n&2"}
    assert table not in text and aside.restore(text) == f"# 标题\n\n{table}\n\n正文"
    months = "\n".join(f'<section id="m{n}"><h2>{n}月</h2>{cell}</section>' for n in (1, 2))  # a calendar
    assert set_aside(f"# 标题\n\n{months}\n\n正文")[1] == Aside((months,), frozenset({"m1", "m2"}))
    for kept in (f"{table} 其后的文字",  # text after the element's end tag: Markdown reads it
                 f"<div>{cell}</div><div>{cell}</div>",  # two elements on one line
                 table.replace("</tr>", "</tr>\n"),  # more than one line
                 f'<span>{cell}</span>',  # not a block-level tag
                 f'<div><a name="x">{cell}</a></div>'):  # an <a name> anchor: left to mkdocs' scan
        assert set_aside(f"# 标题\n\n{kept}\n\n正文")[1] is None, kept[:40]
    with pytest.raises(ValueError):  # a placeholder Markdown lost stops the build
        aside.restore("# 标题")
