"""Hostile bulletin text in every field: it never becomes markup, script or YAML syntax, and it
shows as its own text (issue: bulletin text is untrusted input)."""

from __future__ import annotations

import base64
import hashlib
import re

import yaml
from bs4 import BeautifulSoup

from tests.fixtures.hostile import FIELDS, PAYLOADS
from tests.support import REPO
from tests.support.site import squash

CSP_SELECTOR = 'meta[http-equiv="Content-Security-Policy"]'


def _html_pages(project):
    return sorted(project.site.rglob("*.html"))


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _front_matter(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


def test_no_payload_becomes_markup_or_script(hostile_sites):
    for _bulletin, project in hostile_sites:
        for path in _html_pages(project):
            soup = _soup(path)
            for script in soup.find_all("script"):
                assert "alert(" not in script.get_text(), (path, script)
            for element in soup.find_all(True):
                for name, value in element.attrs.items():
                    assert not name.lower().startswith("on"), (path, element)
                    assert not str(value).strip().lower().startswith("javascript:"), (path, element)
            assert "49" not in squash(soup.get_text()).replace("2021", ""), path  # {{ 7*7 }} never evaluated


def test_every_hostile_value_is_shown_as_its_own_text(hostile_sites):
    for bulletin, project in hostile_sites:
        shown = "".join(squash(_soup(path).get_text()) for path in _html_pages(project))
        for field, value in bulletin.values.items():
            assert squash(value) in shown, (field, value)


def test_the_title_case_from_the_issue(hostile_sites):
    """A notice titled `…关于</title><script>alert(1)</script>…` shows that text as its title."""
    bulletin, project = next((b, p) for b, p in hostile_sites if b.values["title"].startswith(PAYLOADS[0]))
    title = f"测试市人民政府关于印发{bulletin.values['title']}办法的通知"
    site_name = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]  # configuration
    notice = _soup(project.site / "2021/01/czf-2021-001/index.html")
    assert notice.title.get_text() == f"{title} - {site_name}"
    assert notice.select_one("article h1").get_text() == title
    assert notice.select_one(".md-header__topic:last-child .md-ellipsis").get_text().strip() == title
    home = _soup(project.site / "index.html")
    assert title in home.get_text()
    assert not [s for s in home.find_all("script") if "alert" in s.get_text()]


def test_front_matter_of_every_page_is_intact(hostile_sites):
    """Names with YAML syntax (`*市城管局: #2`, `[市]审批局`, `@公司`, `【人事: 任免 #1】`) stay their text."""
    for bulletin, project in hostile_sites:
        titles = {}
        for path in sorted(project.docs.rglob("*.md")):
            meta = _front_matter(path)
            assert isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"], path
            titles[path.relative_to(project.docs).as_posix()] = meta["title"]
            built = project.site / path.relative_to(project.docs).with_suffix("").as_posix().removesuffix("index")
            html = built / "index.html" if built.is_dir() else built.with_suffix(".html")
            assert _soup(html).title.get_text().startswith(meta["title"]) or path.name == "index.md" and \
                path.parent == project.docs, (path, meta["title"])
        category = squash(bulletin.values["category"])
        assert any(t == category for p, t in titles.items() if p.startswith("categories/") and p != "categories/index.md")


def test_the_yaml_names_case_from_the_issue(project):
    """Browse pages of a category, units and a company named with YAML syntax keep their names."""
    from tests.fixtures.hostile import bulletin_with, write_hostile_project

    write_hostile_project(project.root, bulletin_with(category="人事: 任免 #1", lead_unit="*市城管局: #2",
                                                      co_unit="[市]审批局", attachment="@公司清单"))
    assert project.build(quiet=True) == 0, project.log
    titles = {}
    for path in project.docs.glob("*/*/index.md"):
        meta = _front_matter(path)
        titles[meta["title"].removesuffix(" 任务台账")] = path  # a unit page is its ledger
        html = project.site / path.relative_to(project.docs).parent / "index.html"
        assert _soup(html).title.get_text().startswith(meta["title"] + " - "), html
    assert {"人事:任免#1", "*市城管局:#2", "[市]审批局"} <= set(titles), titles
    assert "Index" not in "".join(_soup(p).title.get_text() for p in project.site.rglob("*.html"))


def test_every_page_carries_a_strict_content_security_policy(hostile_sites):
    bulletin, project = hostile_sites[0]
    for path in _html_pages(project):
        soup = _soup(path)
        meta = soup.select_one(CSP_SELECTOR)
        assert meta is not None, path
        head = soup.head.find_all(True)
        assert head.index(meta) <= 1, path  # right after <meta charset>, before any script
        policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";"))
        sources = policy["script-src"].split()
        assert sources[0] == "'self'" and all(s.startswith("'sha256-") for s in sources[1:]), path
        assert "unsafe" not in meta["content"].replace("style-src 'self' 'unsafe-inline'", ""), path
        assert policy["object-src"] == "'none'" and policy["default-src"] == "'self'"
        for script in soup.find_all("script"):
            if script.get("src") or script.get("type") == "application/json":
                continue
            digest = base64.b64encode(hashlib.sha256(script.string.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in sources, (path, script.string[:60])


def test_fields_cover_every_payload():
    """The rotations place every payload in every field (the sweep is complete by construction)."""
    from tests.fixtures.hostile import hostile_bulletin

    seen = {(field, payload) for rotation in range(len(PAYLOADS)) for field, value in
            hostile_bulletin(rotation).values.items() for payload in PAYLOADS if payload in value}
    assert seen == {(field, payload) for field in FIELDS for payload in PAYLOADS}
    assert re.search(r"\{\{.*\}\}", PAYLOADS[5]) and "</title>" in PAYLOADS[0]
