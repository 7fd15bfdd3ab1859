"""All pages of the site as {docs-relative Markdown path: text}, plus the navigation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from gazette.classify.taxonomy import Taxonomy, load_taxonomy
from gazette.link.archive import Archive
from gazette.link.ids import issue_path, slugify
from gazette.link.validity import assess
from gazette.render import browse, data_page, feeds, ledger, topics, validity, works
from gazette.render.document_page import embedded_markdown, notice_markdown
from gazette.render.help import SEARCH_PATH, help_markdown, search_page
from gazette.render.markup import md_source_path


def render_archive(archive: Archive, unit_names: dict[str, str], as_of: dt.date,
                   taxonomy: Taxonomy | None = None, reuse: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every page, keyed by its Markdown path under docs/ (2020/04/yzbf-2020-079/index.md …).

    `as_of` is the build's date (gazette.asof): validity and deadline states are relative to it.
    `taxonomy` names the topics of the topic pages (default: gazette/data/topics.yaml). `reuse`: document
    pages (by archive path) not affected since the live docs/ were made, with their Markdown there
    (gazette.link.affected): taken as they are instead of rendered."""
    taxonomy = taxonomy or load_taxonomy()
    if archive.as_of != as_of:
        assess(archive, as_of)
    pages: dict[str, str] = {}
    reuse = reuse or {}
    for path, page in archive.pages.items():
        if path in reuse:
            pages[md_source_path(path)] = reuse[path]
            continue
        text = notice_markdown(archive, page) if page.kind == "notice" else embedded_markdown(archive, page)
        pages[md_source_path(path)] = text
    pages["index.md"] = browse.home(archive, topics.home_section(archive, taxonomy))
    pages["issues/index.md"] = browse.issues_index(archive)
    for year, text in browse.year_pages(archive).items():
        pages[f"issues/{year}/index.md"] = text
    for parsed in archive.issues:
        pages[md_source_path(issue_path(parsed.issue.key) + "/")] = browse.issue_page(archive, parsed)
    for group in (browse.categories(archive), browse.issuers(archive), ledger.units(archive, unit_names, as_of)):
        pages.update({md_source_path(path): text for path, text in group.items()})
    pages["dates/index.md"] = browse.dates(archive)
    pages["people/index.md"] = browse.people(archive)
    pages[md_source_path(ledger.LEDGER_PATH)] = ledger.archive_ledger(archive, as_of)
    pages[md_source_path(ledger.CALENDAR_PATH)] = ledger.archive_calendar(archive, as_of)
    pages["data/index.md"] = data_page.markdown(as_of)
    pages.update({md_source_path(path): text for path, text in topics.topic_pages(archive, taxonomy).items()})
    feeds.link_feeds(pages, feeds.feed_specs(archive))
    pages["validity/index.md"] = validity.browse_page(archive)
    pages["validity/validity.csv"] = validity.csv_text(archive)
    pages["help/index.md"] = help_markdown(archive)
    pages[md_source_path(SEARCH_PATH)] = search_page()
    pages.update(works.work_pages(archive))
    return pages


def navigation(archive: Archive) -> list[Any]:
    """mkdocs nav: years of issues, categories, and the browse pages.

    The navigation is on every page, so a change to it re-renders every page. It lists years
    (each year's page lists its issues), not single issues: adding an issue in a year that
    already exists leaves it, and every unchanged page, as it was."""
    years = sorted({parsed.issue.year or 0 for parsed in archive.issues}, reverse=True)
    issues_nav: list[Any] = ["issues/index.md"] + [{f"{year}年": f"issues/{year}/index.md"} for year in years]
    categories = sorted({d.category for p in archive.issues for d in p.documents if d.category})
    return [
        {"首页": "index.md"},
        {"主题": "topics/index.md"},
        {"各期": issues_nav},
        {"栏目": ["categories/index.md"] + [{c: f"categories/{slugify(c)}/index.md"} for c in categories]},
        {"发文机关": "issuers/index.md"},
        {"日期": "dates/index.md"},
        {"责任单位": "units/index.md"},
        {"任务台账": "ledger/index.md"},
        {"人事任免": "people/index.md"},
        {"数据下载": "data/index.md"},
        {"时效": "validity/index.md"},
        {"使用说明": "help/index.md"},
    ]
