"""Escaping and links on their own: bulletin text always renders as the text it is."""

from __future__ import annotations

import html

import pytest
import yaml

from gazette.render.markup import (
    attr,
    definition_list,
    esc,
    esc_md,
    front_matter_block,
    item_list,
    link,
    list_table,
    md_source_path,
    relative_url,
    spreadsheet_text,
    table_row,
)

HOSTILE = ['<script>alert(1)</script>', '" onmouseover="x', "*a [x]: #b", "a & b ≤ c", "{: .x}", "`code`", "\\_x_"]


@pytest.mark.parametrize("text", HOSTILE)
def test_esc_leaves_no_markup_and_decodes_back(text):
    escaped = esc(text)
    assert not set("<>\"'") & set(escaped)
    assert html.unescape(escaped) == text


def test_esc_md_escapes_markdown_but_keeps_entities_whole():
    assert esc_md("a*b_c") == r"a\*b\_c"
    assert esc_md("[x](y)") == r"\[x\]\(y\)"
    assert esc_md("a & <b>") == "a &amp; &lt;b&gt;"  # & and ; of an entity are not escaped
    assert esc_md("第一条。") == "第一条。"  # CJK text untouched
    assert esc_md("a~b") == "a~b"  # not escapable in Python-Markdown: a backslash would show


def test_attr_keeps_attribute_lists_closed():
    assert attr('a}{: onclick="x"') == "a&#125;&#123;: onclick=&quot;x&quot;"


@pytest.mark.parametrize(("text", "expected"), [
    ("=1+1", "'=1+1"), ("+86", "'+86"), ("-5", "'-5"), ("@x", "'@x"), ("\tx", "'\tx"), ("市发改委", "市发改委"),
])
def test_spreadsheet_text(text, expected):
    assert spreadsheet_text(text) == expected


@pytest.mark.parametrize(("here", "target", "expected"), [
    ("2020/04/yzbf-2020-079/", "2020/04/yzbf-2020-079/1/", "1/"),
    ("2020/04/yzbf-2020-079/1/", "2020/04/yzbf-2020-079/", "../"),
    ("2020/04/yzbf-2020-079/", "2020/04/yzbf-2020-079/", "./"),
    ("2020/04/yzbf-2020-079/", "2020/04/yzbf-2020-079/#art-3", "./#art-3"),
    ("2020/04/a/", "2021/01/b/#s1", "../../../2021/01/b/#s1"),
    ("", "units/", "units/"),
    ("units/x/", "", "../.."),  # the site root (no trailing slash: the home page is "")
    ("data/", "data/tasks.csv", "tasks.csv"),
    ("data/tasks.html", "issues/", "../issues/"),  # from a file, not a folder
])
def test_relative_url(here, target, expected):
    assert relative_url(here, target) == expected


def test_link_escapes_text_title_and_target():
    assert link("a/", "b/", "<b>", css="gz-x", title='"t"') == \
        '<a href="../b/" class="gz-x" title="&quot;t&quot;">&lt;b&gt;</a>'
    assert link("", 'x"y/', "t") == '<a href="x&quot;y/">t</a>'


@pytest.mark.parametrize(("path", "expected"), [("a/b/", "a/b/index.md"), ("", "index.md"), ("a/b", "a/b.md")])
def test_md_source_path(path, expected):
    assert md_source_path(path) == expected


def test_front_matter_block_keeps_hostile_values_as_text():
    data = {"title": HOSTILE[2], "list": HOSTILE, "nested": {"k": "---"}, "n": 3, "none": None}
    block = front_matter_block(data)
    assert block[0] == "---" and block[-2:] == ["---", ""]
    assert yaml.safe_load("\n".join(block[1:-2])) == data
    assert front_matter_block(data) == block  # deterministic


def test_list_table_wraps_rows_for_phones_and_escapes_column_names():
    rows = [table_row(esc("<市卫健委>"), "3"), table_row("", link("units/", "units/x/", "x"))]
    assert rows[0] == "<tr><td>&lt;市卫健委&gt;</td><td>3</td></tr>"
    assert list_table(("单位", "A&B"), rows) == (
        '<div class="gz-table-wrap"><table class="gz-list"><thead><tr><th>单位</th><th>A&amp;B</th></tr></thead>'
        "<tbody><tr><td>&lt;市卫健委&gt;</td><td>3</td></tr><tr><td></td><td><a href=\"x/\">x</a></td></tr>"
        "</tbody></table></div>")
    # Header cells with attributes are given as markup; rows may be any iterable, consumed once.
    table = list_table('<th data-sort="date">期限</th>', iter([table_row("1")]), css="gz-list gz-ledger")
    assert table.startswith('<div class="gz-table-wrap"><table class="gz-list gz-ledger"><thead><tr><th data-sort')
    assert table.endswith("<tbody><tr><td>1</td></tr></tbody></table></div>")
    assert list_table(("文件",), []).endswith("<tbody></tbody></table></div>")


def test_definition_list_escapes_terms_and_keeps_values_as_markup():
    assert definition_list([("文号", esc("阳政发〔2020〕7号")), ("<x>", "<a href=\"y/\">y</a>")], "gz-card") == (
        '<dl class="gz-card"><dt>文号</dt><dd>阳政发〔2020〕7号</dd><dt>&lt;x&gt;</dt><dd><a href="y/">y</a></dd></dl>')


def test_item_list_is_one_item_a_line_then_a_blank_line():
    assert item_list("gz-refs", iter(["a", link("x/", "y/", "<y>")])) == [
        '<ul class="gz-refs">', "<li>a</li>", '<li><a href="../y/">&lt;y&gt;</a></li>', "</ul>", ""]
    assert item_list("gz-issues", []) == ['<ul class="gz-issues">', "</ul>", ""]
