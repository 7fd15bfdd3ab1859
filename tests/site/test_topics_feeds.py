"""Topics (主题分类) and Atom feeds in the built site: tags, topic pages, home, feeds."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from lxml import etree

from gazette.classify import classify_archive, load_taxonomy
from gazette.link.archive import link_archive
from gazette.model import ValidityStatus
from gazette.parse.loader import parse_file
from gazette.render.feeds import feed_specs, render_feed
from tests.support import BULLETINS, SEED
from tests.support.site import front_matter, soup

ATOM = "{http://www.w3.org/2005/Atom}"


def tagged_pages(docs: Path) -> dict[str, dict]:
    """{page path '2020/04/x/': front-matter} for every page with tags."""
    out = {}
    for md in sorted(docs.rglob("index.md")):
        meta = front_matter(md)
        if meta.get("tags"):
            out[md.relative_to(docs).parent.as_posix() + "/"] = meta
    return out


def test_every_document_page_has_topics_with_evidence(seed_site):
    pages = tagged_pages(seed_site.docs)
    documents = [md for md in seed_site.docs.glob("2020/04/*/index.md")] + list(seed_site.docs.glob("2020/04/*/*/index.md"))
    assert len(documents) == 55 and len(pages) == 55
    taxonomy = load_taxonomy()
    names = {t.name for t in taxonomy.topics}
    for path, meta in pages.items():
        assert meta["tags"][0] in names, path  # the theme first, then its sub-theme
        for topic in meta["topics"]:
            assert topic["url"] == f"/topics/{taxonomy.by_name(topic['topic']).slug}/"
            assert topic["evidence"] and all(e["place"] in {"title", "purpose", "body", "units"} for e in topic["evidence"])
            assert [topic["topic"]] + ([topic["subtopic"]] if topic["subtopic"] else []) == \
                [t for t in meta["tags"] if t in (topic["topic"], topic["subtopic"])]
    plan = pages["2020/04/yzbf-2020-083/1/"]
    assert plan["tags"][:2] == ["民政、扶贫、救灾", "社会福利"]


def test_topic_pages_link_every_tagged_page_newest_first(seed_site):
    site, docs = seed_site.site, seed_site.docs
    taxonomy = load_taxonomy()
    pages = tagged_pages(docs)
    for topic in taxonomy.topics:
        members = [p for p, m in pages.items() if topic.name in m["tags"]]
        html = site / "topics" / topic.slug / "index.html"
        if not members:
            assert not html.exists()
            continue
        rows = soup(html).select("table.gz-topic-list tbody tr")
        linked = [posixpath.normpath(posixpath.join(f"topics/{topic.slug}/", r.select_one("td a")["href"])) + "/"
                  for r in rows]
        assert sorted(linked) == sorted(members), topic.name
        dates = [r.select("td")[2].get_text() for r in rows]
        assert dates == sorted(dates, reverse=True), topic.name
        assert all(r.select("td")[3].get_text() in {s.value for s in ValidityStatus} | {"不适用"} for r in rows)
    welfare = soup(site / "topics/minzheng-fupin-jiuzai/index.html")
    row = next(r for r in welfare.select("table.gz-topic-list tbody tr") if "阳政办发〔2020〕83号" in r.get_text()
               and "实施方案" in r.select_one("td a").get_text() and "通知" not in r.select_one("td a").get_text())
    purpose = row.select_one("td.gz-purpose").get_text()
    assert purpose.startswith("为贯彻落实《国务院办公厅关于推进养老服务发展的意见》") and purpose.endswith("制定本实施方案。")
    evidence = row.select_one(".gz-evidence")
    assert "标题“养老服务”" in evidence.get_text() and "牵头单位 市民政局" in evidence.get_text()
    assert any("#" in a["href"] for a in evidence.select("a"))  # evidence links to the clause


def test_tags_on_pages_link_to_topic_pages(seed_site):
    html = soup(seed_site.site / "2020/04/yzbf-2020-083/1/index.html")
    tags = html.select("nav.md-tags a.md-tag")
    assert [t.get_text() for t in tags][:2] == ["民政、扶贫、救灾", "社会福利"]
    assert tags[0]["href"] == "../../../../topics/minzheng-fupin-jiuzai/"
    index = soup(seed_site.site / "topics/index.html")  # Material's listing of every tag, linking its pages
    listed = {el["id"] for el in index.find_all(id=re.compile("^tag:"))}
    assert {"tag:民政扶贫救灾", "tag:社会福利", "tag:人事工作"} <= listed
    section = index.find(id="tag:社会福利").find_next("ul")
    assert "阳泉市推进养老服务发展的实施方案" in section.get_text()


def test_home_lists_topics_with_counts(seed_site):
    home = soup(seed_site.site / "index.html")
    items = home.select("ul.gz-home-topics li")
    pages = tagged_pages(seed_site.docs)
    assert len(items) == len(list((seed_site.site / "topics").glob("*/index.html")))
    for item in items:
        name, count = item.select_one("a").get_text(), int(item.select_one(".gz-meta").get_text())
        assert count == sum(1 for m in pages.values() if name in m["tags"]), name
    heading = home.select_one("#topics")
    latest = home.select_one("#latest")
    assert heading is not None and latest is not None
    assert str(home).index('id="topics"') < str(home).index('id="latest"')


def _feeds(site: Path) -> list[Path]:
    return sorted((site / "feeds").rglob("*.xml"))


def _resolve(feed: Path, href: str) -> Path:
    path = unquote(urlsplit(href).path)
    target = Path(posixpath.normpath(posixpath.join(str(feed.parent), path)))
    return target / "index.html" if href.split("#")[0].endswith("/") else target


def test_every_feed_is_valid_atom_and_links_built_pages(three_issue_site):
    site = three_issue_site.site
    feeds = _feeds(site)
    assert len(feeds) > 20
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo and parsed.version == "atom10", (feed, parsed.get("bozo_exception"))
        assert parsed.feed.title and parsed.feed.id and parsed.feed.updated and parsed.entries, feed
        for entry in parsed.entries:
            assert entry.id and entry.title and entry.updated and entry.published
            target = _resolve(feed, entry.link)
            assert target.exists(), (feed, entry.link)
            anchor = urlsplit(entry.link).fragment
            if anchor:
                assert soup(target).find(id=anchor) is not None, (feed, entry.link)
        self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
        assert _resolve(feed, self_link) == feed


def test_home_feed_lists_every_document_newest_first(three_issue_site):
    parsed = feedparser.parse((three_issue_site.site / "feeds/all.xml").read_bytes())
    documents = list(three_issue_site.docs.glob("20*/*/*/index.md")) + list(three_issue_site.docs.glob("20*/*/*/*/index.md"))
    assert len(parsed.entries) == len(documents) == len({e.id for e in parsed.entries})
    dates = [e.published for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)


def test_every_listing_page_links_its_feed(three_issue_site):
    site = three_issue_site.site
    kinds = {"index.html": "feeds/all.xml", "topics/weisheng-tiyu/index.html": "feeds/topics/weisheng-tiyu.xml"}
    for page in ["index.html", "topics/index.html", "dates/index.html", "issues/2020/index.html", "2020/04/index.html",
                 *[p.relative_to(site).as_posix() for p in site.glob("topics/*/index.html")],
                 *[p.relative_to(site).as_posix() for p in site.glob("issuers/*/index.html")],
                 *[p.relative_to(site).as_posix() for p in site.glob("units/*/index.html")],
                 *[p.relative_to(site).as_posix() for p in site.glob("categories/*/index.html")]]:
        links = soup(site / page).select('link[rel~="alternate"][type="application/atom+xml"]')
        assert len(links) == 1, page
        feed = _resolve(site / page, links[0]["href"])
        assert feed.exists(), (page, links[0]["href"])
        folder = page.removesuffix("/index.html")
        if re.match(r"^(topics|issuers|units|categories)/[^/]+$", folder):
            assert feed == site / f"feeds/{folder}.xml", page
        if page in kinds:
            assert feed == site / kinds[page]
    assert not soup(site / "2020/04/yzbf-2020-083/index.html").select('link[type="application/atom+xml"]')


def _entries(feed: bytes) -> dict[str, bytes]:
    root = etree.fromstring(feed)
    return {e.findtext(f"{ATOM}id"): etree.tostring(e) for e in root.iter(f"{ATOM}entry")}


def test_adding_issues_adds_entries_and_changes_none(seed_site, three_issue_site):
    changed = []
    for feed in _feeds(seed_site.site):
        relative = feed.relative_to(seed_site.site)
        before = _entries(feed.read_bytes())
        after = _entries((three_issue_site.site / relative).read_bytes())
        assert set(before) <= set(after), relative
        changed += [(relative, i) for i, xml in before.items() if after[i] != xml]
    assert changed == []
    grown = _entries((three_issue_site.site / "feeds/all.xml").read_bytes())
    assert len(grown) > len(_entries((seed_site.site / "feeds/all.xml").read_bytes()))


@pytest.fixture(scope="module")
def archive():
    parsed = [parse_file(SEED), parse_file(BULLETINS / "yangquan-2020-05.txt")]
    parsed[1].issue.key = "2020-05"
    archive = link_archive(parsed)
    classify_archive(archive, load_taxonomy())
    return archive


def test_feeds_are_byte_identical_and_absolute_with_site_url(archive):
    specs = feed_specs(archive)
    spec = specs["feeds/topics/renkou-funv-ertong.xml"]
    first, second = render_feed(spec, archive, None), render_feed(feed_specs(archive)[spec.path], archive, None)
    assert first == second
    relative = feedparser.parse(first)
    assert all(not urlsplit(e.link).scheme and e.link.startswith("../../20") for e in relative.entries)
    absolute = feedparser.parse(render_feed(spec, archive, "https://example.org/gongbao"))
    assert not absolute.bozo
    assert all(e.link.startswith("https://example.org/gongbao/20") for e in absolute.entries)
    assert next(x.href for x in absolute.feed.links if x.rel == "self") == \
        "https://example.org/gongbao/feeds/topics/renkou-funv-ertong.xml"
    assert [e.id for e in relative.entries] == [e.id for e in absolute.entries]  # ids never depend on the URL
    titles = [e.title for e in relative.entries]
    assert "阳泉市普惠托育服务扩容提质实施方案" in titles and "关于促进3岁以下婴幼儿照护服务发展的实施方案" in titles


def test_bulletin_text_in_feeds_is_escaped(archive):
    page = next(p for p in archive.pages.values() if p.kind == "notice")
    original = page.document.title
    page.document.title = '<script>alert(1)</script> & "引号" ]]>'
    try:
        spec = feed_specs(archive)["feeds/all.xml"]
        xml = render_feed(spec, archive, None)
    finally:
        page.document.title = original
    assert b"<script>" not in xml
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    entry = next(e for e in parsed.entries if e.id.endswith(":" + page.path))
    assert entry.title_detail.type == "text/plain" and entry.title == '<script>alert(1)</script> & "引号" ]]>'


def test_markup_in_a_tagged_title_stays_text(project, tmp_path):
    """A bulletin title with markup, classified into a topic: tags, listings and feeds show it as text."""
    source = (BULLETINS / "safety.txt").read_text(encoding="utf-8").replace("测试办法", "养老服务<i>斜</i>办法")
    path = tmp_path / "2021-01.txt"
    path.write_text(source, encoding="utf-8")
    project.add(path)
    assert project.build() == 0, project.log
    site = project.site
    title = "养老服务<i>斜</i>办法"
    index = soup(site / "topics/index.html")
    assert title in index.get_text() and not index.select("article i")
    topic = soup(site / "topics/minzheng-fupin-jiuzai/index.html")
    assert title in topic.select_one("table.gz-topic-list").get_text() and not topic.select("table.gz-topic-list i")
    page = soup(site / "2021/01/czf-2021-001/1/index.html")
    assert [a.get_text() for a in page.select("nav.md-tags a.md-tag")][:1] == ["民政、扶贫、救灾"]
    entries = feedparser.parse((site / "feeds/topics/minzheng-fupin-jiuzai.xml").read_bytes()).entries
    assert title in [e.title for e in entries]


def test_document_pages_show_their_topics_with_evidence(seed_site):
    html = soup(seed_site.site / "2020/04/yzbf-2020-083/1/index.html")
    section = html.select_one("ul.gz-topic-evidence")
    first = section.select_one("li")
    assert first.select_one("a").get_text() == "民政、扶贫、救灾" and "社会福利" in first.get_text()
    links = [a["href"] for a in first.select(".gz-evidence a")]
    assert links and all(h.startswith("#") or "#" in h for h in links)  # evidence links to clauses on this page
    ids = {el["id"] for el in html.find_all(id=True)}
    assert all(h.split("#", 1)[1] in ids for h in links)
