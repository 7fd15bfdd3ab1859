"""Atom feeds from a linked archive, without a site build: who is in which feed, links, determinism."""

from __future__ import annotations

import feedparser
import pytest

from gazette.classify import classify_archive, load_taxonomy
from gazette.link.archive import link_archive
from gazette.parse.loader import parse_file
from gazette.render.feeds import ALL, feed_specs, link_feeds, render_feed
from gazette.render.markup import front_matter_block
from tests.support import SEED


@pytest.fixture(scope="module")
def archive(registry):
    archive = link_archive([parse_file(SEED, registry)])
    classify_archive(archive, load_taxonomy())
    return archive


def test_every_page_is_in_the_all_feed_newest_first(archive):
    specs = feed_specs(archive)
    entries = specs[ALL].entries
    assert sorted(e.page.path for e in entries) == sorted(archive.pages)
    dates = [e.page.document.date for e in entries if e.page.document.date]
    assert dates == sorted(dates, reverse=True)


def test_unit_feeds_hold_the_units_tasks(archive):
    specs = feed_specs(archive)
    units = {path: spec for path, spec in specs.items() if path.startswith("feeds/units/")}
    assert len(units) > 10
    for spec in units.values():
        assert spec.entries and all(entry.unit and entry.tasks for entry in spec.entries)
        for entry in spec.entries:
            for role, task in entry.tasks:
                assert entry.unit in {ref.canonical or ref.raw for ref in getattr(task, role)}


def test_a_feed_parses_and_links_relative_or_absolute(archive):
    spec = feed_specs(archive)[ALL]
    relative = feedparser.parse(render_feed(spec, archive, None))
    assert not relative.bozo and len(relative.entries) == len(spec.entries)
    first = relative.entries[0]
    assert first.link == "../" + spec.entries[0].page.path  # from feeds/all.xml
    assert first.id.startswith("urn:gazette:阳泉市人民政府公报:")
    absolute = feedparser.parse(render_feed(spec, archive, "https://example.org/gazette"))
    assert absolute.entries[0].link == "https://example.org/gazette/" + spec.entries[0].page.path
    assert render_feed(spec, archive, None) == render_feed(spec, archive, None)  # no clock in it


def test_link_feeds_adds_a_feed_only_to_listing_pages():
    pages = {
        "index.md": "\n".join(front_matter_block({"title": "首页", "kind": "home"})) + "# 首页\n",
        "issuers/shi-zheng-fu/index.md": "\n".join(front_matter_block({"title": "市政府", "kind": "issuer"})) + "x\n",
        "2020/04/a/index.md": "\n".join(front_matter_block({"title": "通知", "kind": "notice"})) + "y\n",
    }
    document = pages["2020/04/a/index.md"]
    link_feeds(pages)
    assert "feed: feeds/all.xml" in pages["index.md"] and pages["index.md"].endswith("# 首页\n")
    assert "feed: feeds/issuers/shi-zheng-fu.xml" in pages["issuers/shi-zheng-fu/index.md"]
    assert pages["2020/04/a/index.md"] == document
    again = dict(pages)
    link_feeds(pages)
    assert pages == again  # a page that has its feed keeps it
