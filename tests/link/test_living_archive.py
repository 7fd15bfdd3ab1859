"""The living archive (../shared/archive, or $GAZETTE_ARCHIVE_DIR) built once and read back
against its truth.json: every status on every listed date, every relation, every article
citation's link target, every version's articles. The checks read only the interfaces a user
has (`gazette validity --json`, `gazette versions --json`, front-matter, rendered links), never
anything keyed to particular documents, so another archive of the same kinds runs as is."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from gazette.build.validity import load_archive, records
from gazette.build.versions import run_versions
from gazette.link.ids import document_slug, issue_path
from gazette.link.validity import assess
from gazette.text.chars import nfkc
from tests.support.site import front_matter, soup, squash

RELATIONS = {"repealed_by": {"repeals"}, "declared_lapsed_by": {"declares_lapsed"}, "amended_by": {"revises"},
             "replaced_by": {"replaces"}}
COUNTS: Counter[str] = Counter()  # what was verified, per event type (printed by the last test)


@pytest.fixture(scope="module")
def truth(archive_site):
    return archive_site.truth


@pytest.fixture(scope="module")
def archive(archive_site):
    return load_archive(archive_site.root, archive_site.bulletins, archive_site.root / ".cache")


@pytest.fixture(scope="module")
def urls(archive, truth):
    """Truth's documents -> page urls: a notice by issue and 文号, what it issues by position."""
    found = {}
    for page in archive.pages.values():
        if page.kind == "notice":
            found[(page.issue.issue.key, page.document.doc_number)] = "/" + page.path
    out = {}
    for doc in truth["documents"]:
        url = found.get((doc["issue"], doc["doc_number"]))
        assert url, (doc["issue"], doc["doc_number"], doc["title"])
        out[(doc["issue"], doc["doc_number"], None)] = url
        for embedded in doc.get("embedded", []):
            out[(doc["issue"], doc["doc_number"], embedded["index"])] = f"{url}{embedded['index']}/"
    return out


def _ref(urls, ref: dict) -> str:
    return urls[(ref["issue"], ref["doc_number"], ref.get("embedded_index"))]


def _pages(truth):
    """(truth record, its key) of every document and every regulation/plan it issues."""
    for doc in truth["documents"]:
        yield doc, (doc["issue"], doc["doc_number"], None)
        for embedded in doc.get("embedded", []):
            yield embedded, (doc["issue"], doc["doc_number"], embedded["index"])


def _md(site, url: str) -> Path:
    return site.docs / url.strip("/") / "index.md"


def test_every_status_on_every_listed_date(archive, truth, urls):
    wrong = []
    for day in truth["dates"]:
        assess(archive, dt.date.fromisoformat(day))
        got = {r["url"]: r["status"] for r in records(archive)}
        for record, key in _pages(truth):
            if day in record["status"]:
                want = record["status"][day]
                COUNTS[f"status {want}"] += 1
                if got[urls[key]] != want:
                    wrong.append((day, urls[key], record["title"], want, got[urls[key]]))
    assert wrong == []


def test_the_cli_prints_the_same_statuses(archive_site, truth):
    from gazette.build.validity import run_validity

    day = truth["dates"][len(truth["dates"]) // 2]
    out = io.StringIO()
    assert run_validity(archive_site.root, dt.date.fromisoformat(day), True, out=out,
                        bulletins=archive_site.bulletins) == 0
    data = json.loads(out.getvalue())
    assert data["as_of"] == day and {"url", "status"} <= set(data["documents"][0])


def test_every_relation_on_both_pages(archive_site, truth, urls):
    """repealed_by / declared_lapsed_by / amended_by / replaced_by: the later page's url (or that of
    what its notice issues) with the relation, and the reverse entry on the later page."""
    expected: set[tuple[str, str, str]] = set()
    for record, key in _pages(truth):
        here = urls[key]
        meta = front_matter(_md(archive_site, here))
        for field, relations in RELATIONS.items():
            for later in record.get(field, []):
                later_url = _ref(urls, {**later, "embedded_index": None})
                entries = [e for e in meta["superseded_by"] if e["relation"] in relations
                           and (e["url"] == later_url or e["url"].startswith(later_url))]
                assert entries, (here, field, later_url, meta["superseded_by"])
                for entry in entries:
                    expected.add((here, entry["url"], entry["relation"]))
                    back = front_matter(_md(archive_site, entry["url"]))["supersedes"]
                    assert any(b["url"] in (here, here.rsplit("/", 2)[0] + "/") or (b["url"] or "").startswith(here)
                               for b in back if b["relation"] in relations), (entry["url"], here, back)
                COUNTS[f"relation {field}"] += 1
    # and nothing else: every repeal, lapse or amendment the site shows is in the truth
    shown = set()
    for md in archive_site.docs.glob("[0-9]*/**/index.md"):
        meta = front_matter(md)
        here = "/" + md.parent.relative_to(archive_site.docs).as_posix() + "/"
        shown |= {(here, e["url"], e["relation"]) for e in meta.get("superseded_by", [])}
    assert shown == expected


def test_repeals_of_documents_not_held_link_nothing(archive_site, truth, urls):
    for trap in truth["traps"]:
        by = _ref(urls, {**trap["by"], "embedded_index": None})
        for namesake in trap["same_title_in_archive"]:
            url = _ref(urls, namesake)
            meta = front_matter(_md(archive_site, url))
            assert not any(e["url"].startswith(by) for e in meta["superseded_by"]), (url, by)
            COUNTS["trap namesake untouched"] += 1
        pages = [by, *(f"{by}{i}/" for i in range(1, 10) if _md(archive_site, f"{by}{i}/").exists())]
        unheld = [s for p in pages for s in front_matter(_md(archive_site, p))["supersedes"]
                  if s["url"] is None and trap["names"]["doc_number"] in s.get("doc_numbers", [s["ref"]])]
        assert unheld, (by, trap["names"])
        COUNTS["trap repeal of an unheld document"] += 1
    for record, _key in _pages(truth):
        for held in record.get("repeals", []) + record.get("declares_lapsed", []):
            if not held.get("held", True):
                COUNTS["repeal clause naming an unheld document"] += 1


def _page_of(archive_site, urls, citation) -> str:
    citing = citation["citing"]
    notice = urls[(citing["issue"], citing["doc_number"], None)]
    title = citing.get("in")
    if not title or title == citing["title"]:
        return notice
    index = 1
    while (key := (citing["issue"], citing["doc_number"], index)) in urls:
        if front_matter(_md(archive_site, urls[key]))["title"] == title:
            return urls[key]
        index += 1
    return notice


def test_every_article_citation_links_the_version_in_force(archive_site, truth, urls):
    wrong = []
    for citation in truth["citations"]:
        page = _page_of(archive_site, urls, citation)
        html = archive_site.site / page.strip("/") / "index.html"
        links = [(squash(a.get_text()), a["href"]) for a in soup(html).select("article a.gz-ref")]
        raw = squash(citation["raw"])
        label = raw.split("》")[-1]
        if not citation["target"]["held"]:
            assert not any(text.endswith(label) and text.startswith("《" + citation["cited_title"]) for text, _ in links)
            COUNTS["article citation of a document not held"] += 1
            continue
        target = citation["target"]
        want = _ref(urls, target["page"]) + "#" + target["anchor"]
        hrefs = {_absolute(page, href) for text, href in links if text.endswith(label)}
        if want not in hrefs:
            wrong.append((page, citation["raw"], want, sorted(hrefs)))
        cited_by = front_matter(_md(archive_site, _ref(urls, target["page"])))["cited_by"]
        if page != _ref(urls, target["page"]) and not any(e["url"] == page for e in cited_by):
            wrong.append((page, "cited_by", _ref(urls, target["page"])))
        COUNTS["article citation (held, version in force)"] += 1
    assert wrong == [], "\n".join(map(str, wrong))


def _absolute(page: str, href: str) -> str:
    import posixpath

    path, _, anchor = href.partition("#")
    joined = posixpath.normpath(posixpath.join(page, path)) + "/"
    return joined + ("#" + anchor if anchor else "")


def test_every_version_and_its_articles(archive_site, truth, urls):
    out = io.StringIO()
    assert run_versions(archive_site.root, True, out=out, bulletins=archive_site.bulletins) == 0
    works = json.loads(out.getvalue())["works"]
    for regulation in truth["regulation_versions"]:
        first = _ref(urls, regulation["versions"][0]["page"])
        work = next(w for w in works if w["versions"][0]["url"] == first)
        assert len(work["versions"]) == len(regulation["versions"])
        for want, got in zip(regulation["versions"], work["versions"], strict=True):
            assert got["url"] == _ref(urls, want["page"])
            assert (got["effective_from"], got["effective_to"]) == (want["in_force_from"], want["in_force_to"])
            made = want["made_by"]
            assert (got["made_by"] or {}).get("doc_number") == (made["doc_number"] if made else None)
            assert [a["number"] for a in got["articles"]] == [a["number"] for a in want["articles"]]
            for a, b in zip(got["articles"], want["articles"], strict=True):
                # punctuation widths aside ((三) as printed, （三） in the truth), the text is the text
                assert nfkc(squash(a["text"])) == nfkc(squash(b["text"])), (got["version"], a["number"])
                COUNTS["version article text"] += 1
            assert got["deleted_from_previous"] == want.get("deleted_from_previous", [])
            COUNTS["regulation version"] += 1


_ITEM_LINE = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")


def test_every_paragraph_of_every_version_has_its_anchor(archive_site, truth, urls):
    """An article's 款 are the lines of its text in the truth that are not items （一）…: the first is the
    article's own anchor (art-N), each later one art-N-k2, art-N-k3 on the version's page, in order."""
    for regulation in truth["regulation_versions"]:
        for version in regulation["versions"]:
            page = soup(archive_site.site / _ref(urls, version["page"]).strip("/") / "index.html")
            for article in version["articles"]:
                lines = [line for line in article["text"].split("\n") if line.strip()]
                paragraphs = [line for line in lines if not _ITEM_LINE.match(line)]
                want = [f"{article['anchor']}-k{n}" for n in range(2, len(paragraphs) + 1)]
                got = [tag["id"] for tag in page.find_all(id=re.compile(rf"^{re.escape(article['anchor'])}-k\d+$"))]
                assert got == want, (version["version"], article["label"])
                for anchor, text in zip(want, paragraphs[1:], strict=True):
                    assert nfkc(squash(page.find(id=anchor).get_text())).startswith(nfkc(squash(text))[:12])
                COUNTS["article paragraph (款) anchor"] += len(paragraphs)


def test_zz_report_counts_per_event_type(truth):
    """Counts of what the tests above verified (pytest -s shows them)."""
    events = Counter(e for doc in truth["documents"] for e in doc["events"])
    print("\n已核对（按事件类型）：", dict(sorted(COUNTS.items())), "\n档案事件：", dict(sorted(events.items())))
    assert COUNTS["regulation version"] == sum(len(r["versions"]) for r in truth["regulation_versions"]) or not COUNTS


def test_page_paths_follow_the_doc_number(archive, truth):
    for doc in truth["documents"]:
        slug = document_slug(doc["doc_number"], 0)
        assert f"{issue_path(doc['issue'])}/{slug}/" in archive.pages


def test_each_work_has_a_page_with_its_versions_timeline_and_comparison(archive_site, archive):
    assert archive.works, "the archive holds amended regulations"
    for work in archive.works:
        html = archive_site.site / work.url / "index.html"
        page = soup(html)
        svg = page.select_one("article figure.gz-timeline svg[role=group]")
        assert svg is not None and svg.find("title") is not None and page.select("article script") == []
        targets = {_absolute("/" + work.url, a["href"]).split("#")[0] for a in svg.find_all("a")}
        assert {"/" + v.path for v in work.versions} | {"/" + v.made_by for v in work.versions if v.made_by} <= targets
        assert len(page.select("article table")) >= 2 + len(work.versions) - 1  # versions, history, one 对照 each
        for before, after in zip(work.versions, work.versions[1:], strict=False):
            assert page.select_one(f"#compare-{before.number}-{after.number}") is not None
            note = soup(archive_site.site / after.path / "index.html").select_one("article .gz-version")
            assert note is not None and "重新公布" in note.get_text()
            marks = {m.get_text() for m in soup(archive_site.site / after.path / "index.html").select(".gz-change")}
            changed = {c.change for c in after.changes} | ({"deleted"} if after.deleted else set())
            assert ("新增" in marks) == ("inserted" in changed) and ("删除" in marks) == ("deleted" in changed)
        meta = front_matter(_md(archive_site, "/" + work.versions[0].path))["work"]
        assert meta["current"] == "/" + work.versions[-1].path and meta["version"] == 1
        COUNTS["work page"] += 1


def test_recurring_plans_form_a_series_newest_first(archive_site, truth, urls):
    for record, key in _pages(truth):
        for earlier in record.get("successor_of", []):
            here = urls[key]
            if key[2] is None:  # the notice: the plan it issues is the member
                here = urls[(key[0], key[1], 1)]
            series = front_matter(_md(archive_site, here)).get("series", [])
            assert _ref(urls, earlier) in [s["url"] for s in series], (here, earlier)
            dates = [front_matter(_md(archive_site, s["url"]))["date"] for s in series]
            assert dates == sorted(dates, reverse=True)
            COUNTS["series successor"] += 1


def test_in_force_by_silence_says_so_and_names_the_issues_held(archive_site, truth):
    import posixpath
    import re

    wording = "本站收录范围内未见废止、修改或到期；收录范围"
    held = f"共{len(truth['issues'])}期"
    # The issues held are named once, on the 时效 page's 收录范围 (every card links there), so adding an
    # issue changes that page and not every in-force page.
    scope = soup(archive_site.site / "validity/index.html").select_one("#held")
    assert scope is not None and scope.name == "h2"
    scope_text = squash(scope.find_next_sibling("p").get_text())
    first, last = truth["issues"][0], truth["issues"][-1]
    assert held in scope_text and scope_text.startswith(f"本站收录{first[:4]}年第{int(first[5:])}期至{last[:4]}年第{int(last[5:])}期")
    checked = 0
    for md in archive_site.docs.glob("[0-9]*/**/index.md"):
        meta = front_matter(md)
        if meta.get("kind") not in ("notice", "embedded"):
            continue
        relative = md.parent.relative_to(archive_site.docs).as_posix()
        page = soup(archive_site.site / relative / "index.html")
        text = squash(page.get_text())
        if meta["validity"]["status"] == "现行有效":
            assert wording in text and held not in text, md
            links = [a["href"] for a in page.select(".gz-card .gz-silent a")]
            assert [posixpath.normpath(posixpath.join(relative, h.split("#")[0])) + "#" + h.split("#")[1]
                    for h in links] == ["validity#held"], (md, links)
            checked += 1
        elif meta["validity"]["status"] is None:
            assert re.search("时效不适用", text), md
    assert checked and "时效判断日期" in text


def test_a_full_and_an_incremental_build_give_identical_files(archive_site, tmp_path):
    """Issues added one by one (incremental cache) give the files of one full build. Three small
    issues keep it fast: a re-published regulation, a document citing it, a decision amending it."""
    import filecmp

    from tests.support import ARCHIVE, Project
    from tests.support.site import assert_same_tree

    names = ["2021-03.txt", "2021-05.txt", "2024-04.txt"]
    issues = [ARCHIVE / n for n in names if (ARCHIVE / n).exists()] or sorted(ARCHIVE.glob("*.txt"))[-3:]
    day = dt.date.fromisoformat(archive_site.truth["as_of_build"])
    full, step = Project(tmp_path / "full"), Project(tmp_path / "incremental")
    for source in issues:
        full.add(source)
    assert full.build(as_of=day, quiet=True) == 0, full.log
    for source in issues:
        step.add(source)
        assert step.build(as_of=day, quiet=True) == 0, step.log
    for tree in ("docs", "site"):
        assert_same_tree(filecmp.dircmp(full.root / tree, step.root / tree))


def test_open_data_and_feeds_carry_relations_and_versions(archive_site, truth, urls):
    from gazette.opendata.write import DATA_DIR

    data = archive_site.site / DATA_DIR
    relations = json.loads((data / "relations.json").read_text(encoding="utf-8"))
    pairs = {(r["relation"], r["to_url"]) for r in relations}
    for record, key in _pages(truth):
        for field, names in RELATIONS.items():
            for _later in record.get(field, []):
                assert any((name, urls[key]) in pairs for name in names), (field, urls[key])
    assert all(r["evidence"] and r["evidence_url"] for r in relations if r["relation"] != "replaces")
    rows = json.loads((data / "versions.json").read_text(encoding="utf-8"))
    assert len(rows) == sum(len(r["versions"]) for r in truth["regulation_versions"])
    assert [r["version"] for r in rows if r["made_by_url"] is None] == [1] * len(truth["regulation_versions"])
    feed = (archive_site.site / "feeds/changes.xml").read_text(encoding="utf-8")
    changed = sum(len(record.get(f, [])) for record, _ in _pages(truth)
                  for f in ("repealed_by", "declared_lapsed_by", "amended_by"))
    assert feed.count("<entry>") >= changed > 0


def test_the_decisions_edits_give_the_re_published_text(archive):
    """修改为 / 删去 / 增加一条 / 增加一款 / 中的“…”修改为“…” applied to the amended version give the
    re-published one: every edited article, and the article count after renumbering."""
    from gazette.link.edits import apply_edits, parse_edits
    from gazette.model import Paragraph

    checked = 0
    for work in archive.works:
        for before, after in zip(work.versions, work.versions[1:], strict=False):
            decision = archive.pages[after.made_by]
            paragraphs = [squash(b.text) for b in decision.own.body.all_blocks() if isinstance(b, Paragraph)]
            edits = parse_edits(paragraphs)
            assert edits, decision.path
            result = apply_edits(before.articles, edits)
            assert len(result) == len(after.articles)
            touched = {e.article for e in edits}
            for (old_number, text), article in zip(result, after.articles, strict=True):
                if old_number is None or old_number in touched:
                    assert nfkc(squash(text)) == nfkc(squash(article.text)), (after.number, article.number)
                    checked += 1
    assert checked or not archive.works
    COUNTS["edited articles reproduced"] += checked


def test_every_removal_links_the_appointment_it_ends(archive_site, truth, urls):
    """免去 X's post ↔ the earlier 任命 of X to that post, on the 人事任免 page, both ways; nothing else."""
    from urllib.parse import urljoin

    page = soup(archive_site.site / "people" / "index.html")
    shown: set[tuple[str, str, str, str]] = set()  # (person, action, url of its notice, url linked)
    for row in page.select("#appointments ~ div table tr, #appointments ~ table tr"):
        cells = row.find_all("td")
        if len(cells) < 7 or not cells[6].find("a"):
            continue
        own, other = (urljoin("/people/", c.find("a")["href"]) for c in (cells[4], cells[6]))
        shown.add((cells[0].get_text(), cells[1].get_text(), own, other))
        assert cells[6].get_text().startswith("已免去" if cells[1].get_text() == "任命" else "原任命")
    expected = set()
    for record in truth["documents"]:
        for item in record.get("appointments") or []:
            if ended := item.get("ends_appointment"):
                removal, appointment = urls[(record["issue"], record["doc_number"], None)], _ref(urls, ended)
                expected |= {(item["person"], item["action"], removal, appointment),
                             (item["person"], "任命", appointment, removal)}
                COUNTS["removal of an earlier appointee"] += 1
    assert expected and shown == expected


def test_every_appointment_is_listed_with_its_post(archive_site, truth, urls):
    """The 人事任免 page lists exactly truth's appointments: person, action, position, unit, notice."""
    from urllib.parse import urljoin

    rows = set()
    for row in soup(archive_site.site / "people" / "index.html").select("#appointments ~ div table tr"):
        cells = row.find_all("td")
        if len(cells) >= 7:
            rows.add((*(c.get_text() for c in cells[:4]), urljoin("/people/", cells[4].find("a")["href"])))
    want = {(a["person"], a["action"], a["position"], a["organisation"], urls[(a["issue"], a["doc_number"], None)])
            for a in truth["appointments"]}
    assert rows == want
    COUNTS["appointment"] += len(want)
