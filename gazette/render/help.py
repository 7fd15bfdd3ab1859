"""The help page (static/help.md), with search examples taken from this site's own bulletins.

The examples of 文号 notations name a document that is in the site, so a city's help page
shows that city's 文号 (and a query the reader can try), not another city's.
"""

from __future__ import annotations

import re
from importlib import resources
from string import Template

from gazette.link.archive import Archive
from gazette.render.markup import front_matter_block
from gazette.text.chars import HAN

# Only plain 文号 become examples: Han prefix, 〔year〕, number (nothing else can reach the page).
_PLAIN = re.compile(rf"^([{HAN}]{{3,8}})〔(\d{{4}})〕(\d{{1,4}})号$")
_NO_EXAMPLE = "任意写法均可（〔〕、[]、（）或“年”字隔开），也可只写一部分，如发文字号加序号。"


def help_markdown(archive: Archive) -> str:
    template = resources.files("gazette.render").joinpath("static/help.md").read_text(encoding="utf-8")
    return Template(template).safe_substitute(doc_number_examples=doc_number_examples(archive))


def doc_number_examples(archive: Archive) -> str:
    """`X政办发〔2020〕81号`、`X政办发[2020]81号`… for the site's latest plain 文号."""
    numbers = [d.doc_number for p in archive.issues for d in p.documents if d.doc_number]
    for number in reversed(numbers):
        match = _PLAIN.match(number)
        if match:
            prefix, year, seq = match.groups()
            forms = [f"{prefix}〔{year}〕{seq}号", f"{prefix}[{year}]{seq}号", f"{prefix}（{year}）{seq}号",
                     f"{prefix} {year} 年 {seq} 号"]
            return ("任意写法均可，如 " + "、".join(f"`{form}`" for form in forms)
                    + f"，或只写一部分，如 `{prefix[1:]}{seq}号`、`〔{year}〕{seq}号`、`{seq}号文`。对应的文件排在第一位。")
    return _NO_EXAMPLE


SEARCH_PATH = "results/"  # not search/: the search index lives there and is rewritten whole by gazette.search


def search_page() -> str:
    """results/?q=…: the full results page. gazette/site/assets/search.js moves the search panel (filters,
    排序, 加载更多) into the box below and keeps it open; the query stays in the header's search box."""
    return "\n".join(front_matter_block({"title": "检索结果", "kind": "search", "hide": ["navigation", "toc"]}) + [
        "# 检索结果 {#search}", "",
        '<div id="gz-search-page" class="gz-search-page"><noscript><p class="gz-note">检索需要浏览器运行本站的脚本；'
        "也可以按期号、栏目、发文机关或责任单位浏览。</p></noscript></div>", ""]) + "\n"
