"""A version the archive holds only as a decision's edits (no re-published text) has a page of its own:
the previous version with the edits applied, every article anchored, said to be compiled, with its source."""

from __future__ import annotations

import io
import json

from gazette.build.versions import run_versions
from tests.support.site import front_matter, soup, squash

WORK = "works/yang-quan-shi-zhong-da-xing-zheng-jue-ce-cheng-xu-gui-ding/"


def test_a_version_built_from_edits_has_its_text_on_a_page(three_issue_site):
    site, docs = three_issue_site.site, three_issue_site.docs
    page = soup(site / WORK / "2" / "index.html")
    meta = front_matter(docs / WORK / "2" / "index.md")
    assert meta["kind"] == "version-text" and meta["made_by"] == "/2021/01/yzf-2021-001/"
    assert meta["work"]["current"] == f"/{WORK}2/"
    # every article of version 2 (`gazette versions --json`) is there, in order, each at art-N, with its text;
    # the amended one with the decision's words
    out = io.StringIO()
    assert run_versions(three_issue_site.root, True, out=out, bulletins=three_issue_site.bulletins) == 0
    version = json.loads(out.getvalue())["works"][0]["versions"][1]
    compiled = [h["id"] for h in page.select("article h2[id^=art-]")]
    assert compiled == [a["anchor"] for a in version["articles"]] and len(compiled) > 40
    for article in version["articles"]:
        paragraphs = page.find(id=article["anchor"]).find_next_siblings()
        shown = squash("".join(p.get_text() for p in paragraphs[:article["text"].count("\n") + 2]))
        assert squash(article["text"]) in shown, article["label"]
    twelfth = page.find(id="art-12").find_next_siblings("p", limit=2)
    assert twelfth[0].get_text() == "修改" and "提前5日送与会代表" in squash(twelfth[1].get_text())
    assert page.find(id="art-1").find_next_sibling("p").get_text() != "修改"  # unchanged articles carry no mark
    text = squash(page.select_one("article").get_text())
    assert "修改后未重新公布全文" in text and "以公报所载原文为准" in text
    assert not page.select("article [data-l]")  # compiled text, not source lines: no line of the bulletin is here
    # the work page, the decision and version 1 point to it as the current text
    work = soup(site / WORK / "index.html")
    assert work.select_one("p.gz-current a")["href"] == "2/"
    decision = soup(site / "2021/01/yzf-2021-001/index.html")
    assert any(a["href"].endswith(f"{WORK}2/") for a in decision.select("div.gz-version a"))
    first = soup(site / "2020/04/yzf-2020-007/1/index.html")
    assert any(a["href"].endswith(f"{WORK}2/") for a in first.select("div.gz-version a"))


def test_search_finds_the_text_in_force_of_a_version_built_from_edits(three_issue_site):
    """The amended words are found on the compiled version's article, ranked above the text they replaced."""
    from gazette.search.engine import SearchIndex

    results = SearchIndex(three_issue_site.site).search("决策草案等材料应当提前几日送与会代表", k=5)
    assert results[0].url == f"{WORK}2/#art-12" and "提前5日" in squash(results[0].text)
    assert results[0].page["status"] == "现行有效"
    old = next(r for r in results if r.url.startswith("2020/04/yzf-2020-007/1/#art-12"))
    assert old.page["status"] == "已修改"
