"""Generated pages (issue 11): unit names in a task's closing parenthesis are all linked, notes stand
where their line is, the 404 page is Chinese and relative."""

from __future__ import annotations

import re

from gazette.render.body import _units_tail


def test_units_tail_skips_nested_parentheses():
    text = "审批时限压缩至 33 个工作日。(市发展改革委、市审批服务管理局牵头,各县(区)政府、开发区管委会按职责分工负责)"
    assert text[_units_tail(text):].startswith("(市发展改革委")
    assert "做好工作（市卫健委牵头）。"[_units_tail("做好工作（市卫健委牵头）。"):] == "（市卫健委牵头）。"


def test_every_unit_in_one_paragraph_is_linked(seed_site):
    markdown = (seed_site.docs / "2020/04/yzbf-2020-080/1/index.md").read_text(encoding="utf-8")
    paragraph = next(p for p in markdown.split("\n\n") if "煤成气开采环节" in p)
    linked = re.findall(r'class="gz-unit-link"[^>]*>([^<]+)</a>', paragraph)
    assert {"市发展改革委", "市规划和自然资源局", "市审批服务管理局", "开发区管委会"} <= set(linked)


def test_404_page_is_chinese_and_relative(seed_site):
    html = (seed_site.site / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in html and "Not found" not in html
    assert not re.search(r'(href|src|action)="/(?!/)', html)  # nothing absolute: it works from disk
    assert 'action="./"' in html and "返回首页" in html
