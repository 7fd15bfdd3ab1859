"""Atom feeds (feedgen): all documents, and one per topic, issuer, category and responsible unit.

Deterministic: ids and dates come from the documents, never from the clock, so two builds give
the same bytes, and adding an issue adds entries without changing any existing one (an entry
holds only what its own document says: no status, no cited-by). Links are relative to the feed
file when mkdocs.yml has no `site_url`, absolute when it has one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import yaml
from feedgen.feed import FeedGenerator

from gazette.build.outputs import OutputTree, content_key
from gazette.link.archive import Archive, PageRef, Relation
from gazette.link.ids import slugify
from gazette.model import Task
from gazette.render.markup import front_matter_block, relative_url
from gazette.render.topics import feed_path as topic_feed_path
from gazette.render.topics import purpose_sentence, topic_path

ALL = "feeds/all.xml"
CHANGES = "feeds/changes.xml"  # an entry whenever a held document is repealed, declared lapsed or amended
CHINA = dt.timezone(dt.timedelta(hours=8))  # the bulletins' dates are Beijing time
ROLE_ZH = {"lead": "牵头", "co": "配合", "implementing": "负责落实"}


@dataclass
class Entry:
    page: PageRef
    unit: str | None = None  # a unit feed's entry: that unit's tasks on the page
    tasks: list[tuple[str, Task]] = field(default_factory=list)  # (role, task)
    changed: PageRef | None = None  # a changes feed's entry: `page` repeals / amends this earlier page
    relation: Relation | None = None


@dataclass
class FeedSpec:
    path: str  # feeds/topics/weisheng-tiyu.xml
    title: str
    page: str  # the HTML page listing the same documents (alternate link)
    entries: list[Entry]


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.page.document.date.isoformat() if e.page.document.date else "",
                                          e.page.path, e.changed.path if e.changed else ""), reverse=True)


def feed_specs(archive: Archive) -> dict[str, FeedSpec]:
    """Every feed of the site, keyed by its path under the site root."""
    pages = list(archive.pages.values())
    notices = [p for p in pages if p.kind == "notice"]
    specs: dict[str, FeedSpec] = {ALL: FeedSpec(ALL, "全部文件", "", [Entry(p) for p in pages])}
    topics: dict[str, tuple[str, list[Entry]]] = {}
    for page in pages:
        for assignment in page.topics:
            topics.setdefault(assignment.slug, (assignment.topic, []))[1].append(Entry(page))
    for slug, (name, entries) in topics.items():
        specs[topic_feed_path(slug)] = FeedSpec(topic_feed_path(slug), f"主题：{name}", topic_path(slug), entries)
    # Grouped as the browse pages group them (gazette.render.browse: issuers, categories, units).
    for kind, label, key in (("issuers", "发文机关", lambda p: p.document.issuer or "未识别"),
                             ("categories", "栏目", lambda p: p.document.category or "未列入目录")):
        groups: dict[str, list[Entry]] = {}
        for page in notices:
            groups.setdefault(key(page), []).append(Entry(page))
        for name, entries in groups.items():
            path = f"feeds/{kind}/{slugify(name)}.xml"
            specs[path] = FeedSpec(path, f"{label}：{name}", f"{kind}/{slugify(name)}/", entries)
    units: dict[str, dict[str, Entry]] = {}
    for page in pages:
        for task in page.own.tasks:
            for role in ROLE_ZH:
                for ref in getattr(task, role):
                    name = ref.canonical or ref.raw
                    entry = units.setdefault(name, {}).setdefault(page.path, Entry(page, name))
                    entry.tasks.append((role, task))
    for name, by_page in units.items():
        path = f"feeds/units/{slugify(name)}.xml"
        specs[path] = FeedSpec(path, f"责任单位：{name}", f"units/{slugify(name)}/", list(by_page.values()))
    changes = [Entry(archive.pages[s.path], changed=victim, relation=s.relation)
               for victim in pages for s in victim.superseded_by if s.relation is not Relation.REPLACES]
    specs[CHANGES] = FeedSpec(CHANGES, "废止、失效与修改", "validity/", changes)
    for spec in specs.values():
        spec.entries = _newest_first(spec.entries)
    return specs


def _href(feed: str, target: str, site_url: str | None) -> str:
    if site_url:
        return urljoin(site_url.rstrip("/") + "/", target)
    href = relative_url(feed, target)
    return href if target else href.rstrip("/") + "/"  # the home page


def _day(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=CHINA)


def _dates(page: PageRef) -> tuple[dt.datetime, dt.datetime]:
    """(published, updated): 成文日期, and the issue's publication date (when it appeared)."""
    issue = page.issue.issue
    written = page.document.date or issue.date or dt.date(issue.year or 1970, 1, 1)
    return _day(written), _day(issue.date or written)


def _summary(page: PageRef) -> str:
    document, issue = page.document, page.issue.issue
    facts = [f"文号：{document.doc_number}" if document.doc_number else "",
             f"发文机关：{document.issuer}" if document.issuer else "",
             f"成文日期：{document.date.isoformat()}" if document.date else "",
             f"{issue.title} {issue.year}年第{issue.number}期"]
    if page.embedded:
        facts.append(f"由《{document.title}》印发")
    text = "；".join(f for f in facts if f) + "。"
    purpose = purpose_sentence(page)
    return text + (purpose[0] if purpose else "")


def _task_line(role: str, task: Task) -> str:
    first = re.split(r"(?<=[。；])", task.text, maxsplit=1)[0]  # the text starts with its label
    return f"{ROLE_ZH[role]}：{first.strip()}"


def render_feed(spec: FeedSpec, archive: Archive, site_url: str | None) -> bytes:
    site = archive.issues[0].issue.title if archive.issues else "政府公报"
    base = f"urn:gazette:{site}"
    feed = FeedGenerator()
    feed.id(f"{base}:{spec.path.removesuffix('.xml')}")
    feed.title(f"{site} · {spec.title}")
    feed.language("zh-CN")
    feed.author({"name": site})
    feed.generator("gazette")
    feed.link(href=_href(spec.path, spec.path, site_url), rel="self", type="application/atom+xml")
    feed.link(href=_href(spec.path, spec.page, site_url), rel="alternate", type="text/html")
    latest = None
    for entry in spec.entries:
        page = entry.page
        published, updated = _dates(page)
        latest = max(latest or updated, updated)
        item = feed.add_entry(order="append")
        target = page.path
        if entry.unit:
            item.id(f"{base}:{page.path}:units/{slugify(entry.unit)}")
            anchors = [t.anchor for _, t in entry.tasks if t.anchor]
            target = f"{page.path}#{anchors[0]}" if anchors else page.path
            counts = "、".join(f"{ROLE_ZH[r]} {sum(1 for role, _ in entry.tasks if role == r)} 项"
                              for r in ROLE_ZH if any(role == r for role, _ in entry.tasks))
            item.summary(f"{entry.unit}：{counts}。" + "\n".join(_task_line(r, t) for r, t in entry.tasks))
        elif entry.changed is not None and entry.relation is not None:
            victim = entry.changed
            item.id(f"{base}:{page.path}:{entry.relation.value}:{victim.path}")
            target = victim.path
            by = page.document.doc_number or page.title
            item.summary(f"《{victim.title}》（{victim.document.doc_number or ''}）由{by}{entry.relation.zh}。"
                         + _summary(page))
        else:
            item.id(f"{base}:{page.path}")
            item.summary(_summary(page))
        if entry.changed is not None and entry.relation is not None:
            item.title(f"{entry.relation.zh}：{entry.changed.title}")
        else:
            item.title(page.title)
        item.link(href=_href(spec.path, target, site_url), rel="alternate", type="text/html")
        item.published(published)
        item.updated(updated)
        item.author({"name": page.document.issuer or site})
        for assignment in page.topics:
            item.category(term=assignment.slug, label=assignment.topic)
    feed.updated(latest or _day(dt.date(1970, 1, 1)))
    return for_browsers(feed.atom_str(pretty=True), spec, site_url)


XHTML = "http://www.w3.org/1999/xhtml"
FEED_CSS = "assets/feed.css"


def subscribe_sentence(spec: FeedSpec) -> str:
    return (f"这是“{spec.title}”的订阅源（Atom）：把本页网址复制到订阅阅读器（如 Feedly、Inoreader、Thunderbird 或手机上的 "
            "RSS 阅读应用）中添加订阅，有新文件时阅读器会提示。")


def for_browsers(atom: bytes, spec: FeedSpec, site_url: str | None) -> bytes:
    """The feed, still plain Atom, made readable when a browser opens it: a CSS stylesheet (the site's
    own file, no script: XSLT is being removed from browsers), the phone's viewport, a subtitle (Atom's
    xhtml text construct) saying how to subscribe, and each entry's summary with a link to its page."""
    from lxml import etree

    root = etree.fromstring(atom)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    title = root.find("a:title", ns)
    assert title is not None  # feedgen always writes it
    subtitle = etree.Element(f"{{{ns['a']}}}subtitle", type="xhtml")
    div = etree.SubElement(subtitle, f"{{{XHTML}}}div", nsmap={None: XHTML})
    div.text = subscribe_sentence(spec)
    back = etree.SubElement(div, f"{{{XHTML}}}a", href=_href(spec.path, spec.page, site_url))
    back.text = "在网站上查看"
    back.tail = "。"
    title.addnext(subtitle)
    # An extension element (foreign markup, RFC 4287 §6.4): feed readers skip it, a phone's browser
    # lays the page out at the screen's width instead of 980 px.
    viewport = etree.Element(f"{{{XHTML}}}meta", name="viewport", content="width=device-width, initial-scale=1",
                             nsmap={None: XHTML})
    root.insert(0, viewport)
    for entry in root.iterfind("a:entry", ns):
        summary = entry.find("a:summary", ns)
        link = next((e for e in entry.iterfind("a:link", ns) if e.get("rel", "alternate") == "alternate"), None)
        if summary is None or link is None:
            continue
        text = summary.text or ""
        summary.text = None
        summary.set("type", "xhtml")
        body = etree.SubElement(summary, f"{{{XHTML}}}div", nsmap={None: XHTML})
        lines = text.split("\n")
        for line in lines:
            paragraph = etree.SubElement(body, f"{{{XHTML}}}p")
            paragraph.text = line
        more = etree.SubElement(etree.SubElement(body, f"{{{XHTML}}}p"), f"{{{XHTML}}}a", href=link.get("href"))
        more.text = "阅读全文"
    style = etree.ProcessingInstruction(
        "xml-stylesheet", f'type="text/css" href="{relative_url(spec.path, FEED_CSS)}"')
    return (b"<?xml version='1.0' encoding='UTF-8'?>\n" + etree.tostring(style) + b"\n"
            + etree.tostring(root, encoding="UTF-8", pretty_print=True, xml_declaration=False))


def feed_key(spec: FeedSpec, archive: Archive, site_url: str | None, page_keys: Mapping[str, str]) -> str:
    """What a feed is made of: its own title and pages, and per entry the key of each page it shows
    (gazette.link.affected: the page's issue and what it is related to, more than an entry shows)."""
    site = archive.issues[0].issue.title if archive.issues else ""
    entries = [[e.page.path, page_keys[e.page.path], e.unit, [(role, t.anchor, t.text) for role, t in e.tasks],
                e.changed.path if e.changed else None, page_keys[e.changed.path] if e.changed else None,
                e.relation.value if e.relation else None] for e in spec.entries]
    return content_key("feed", spec.path, spec.title, spec.page, site, site_url, entries)


def write_feeds(archive: Archive, site_dir: Path, site_url: str | None, outputs: OutputTree | None = None,
                page_keys: Mapping[str, str] | None = None) -> int:
    """Write every feed into the built site (through `outputs`: a feed whose bytes did not change
    stays the live file); returns how many. With `page_keys` (every document page's key), a feed
    whose entries' pages kept their keys is not rendered again."""
    specs = feed_specs(archive)
    outputs = outputs or OutputTree("site", site_dir)
    for path, spec in specs.items():
        if page_keys is None:
            outputs.write(path, render_feed(spec, archive, site_url))
        else:
            outputs.produce(path, feed_key(spec, archive, site_url, page_keys),
                            lambda spec=spec: render_feed(spec, archive, site_url))  # type: ignore[misc]
    return len(specs)


# Pages that list documents, by front-matter `kind`: their own feed (same slug as the page), or all.
_OWN_FEED = {"issuer": "issuers", "category": "categories", "unit": "units", "topic": "topics"}
_ALL_FEED = {"home", "index", "year", "issue"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the same data, faster
_KIND_RE = re.compile(r"^kind: '?(\w+)'?$", re.M)


def link_feeds(pages: dict[str, str], specs: dict[str, FeedSpec] | None = None) -> None:
    """Add `feed` to the front-matter of every page that lists documents (the template puts it in
    <link rel="alternate" type="application/atom+xml">). `pages`: {Markdown path: text}, in place."""
    for md_path, text in pages.items():
        if not text.startswith("---\n"):
            continue
        head, _, body = text[4:].partition("\n---\n")
        kind_line = _KIND_RE.search(head)  # cheap test first: most pages are documents
        if kind_line is None or kind_line.group(1) not in {*_OWN_FEED, *_ALL_FEED}:
            continue
        data = yaml.load(head, Loader=_LOADER) or {}
        kind = data.get("kind")
        if "feed" in data or (kind not in _OWN_FEED and kind not in _ALL_FEED):
            continue
        feed = ALL
        if kind in _OWN_FEED:
            folder = md_path.removesuffix("index.md").rstrip("/")
            own = f"feeds/{folder}.xml"
            if specs is None or own in specs:
                feed = own
        data["feed"] = feed
        pages[md_path] = "\n".join(front_matter_block(data)[:-1]) + "\n" + body
