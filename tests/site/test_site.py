"""The built site of the real bulletin: pages, anchors, cross-links, browse pages, completeness."""

from __future__ import annotations

import filecmp

from tests.support.site import assert_same_tree, front_matter, html_for, ids, internal_links, page_text, squash


def test_55_document_pages_and_browse_pages(seed_site):
    docs = seed_site.docs
    notices = [p for p in docs.glob("2020/04/*/index.md")]
    embedded = [p for p in docs.glob("2020/04/*/*/index.md")]
    assert len(notices) == 26 and len(embedded) == 29
    for browse in ("index.md", "issues/index.md", "2020/04/index.md", "categories/index.md", "issuers/index.md",
                   "dates/index.md", "units/index.md", "people/index.md", "help/index.md"):
        assert (docs / browse).exists(), browse
    assert (seed_site.site / "2020/04/yzbf-2020-079/index.html").exists()
    assert (seed_site.site / "2020/04/yzf-2020-007/1/index.html").exists()


def test_front_matter_of_a_document_page(seed_site):
    meta = front_matter(seed_site.docs / "2020/04/yzbf-2020-079/index.md")
    assert meta["doc_number"] == "阳政办发〔2020〕79号" and meta["kind"] == "notice"
    assert (meta["issuer"], meta["date"], meta["category"], meta["page"]) == (
        "阳泉市人民政府办公室", "2020-07-23", "市政府办公室文件", 48)
    assert meta["issue"]["year"] == 2020 and meta["issue"]["number"] == 4
    assert meta["supersedes"] == [{"ref": "阳泉市气象灾害应急预案", "relation": "repeals", "url": None,
                                   "doc_numbers": ["阳政办发〔2017〕145号"]}]
    assert meta["status"] == "现行有效" and meta["source"]["file"] == "bulletins/2020-04.txt"
    plan = front_matter(seed_site.docs / "2020/04/yzbf-2020-070/1/index.md")
    assert plan["kind"] == "embedded" and plan["doc_number"] == "阳政办发〔2020〕70号"
    assert "市卫生健康委员会" in plan["responsible_units"]["lead"]


def test_every_article_has_an_anchor(seed, seed_archive, seed_site):
    for document in seed.documents:
        for embedded in document.embedded:
            page = seed_site.site / seed_archive.embedded_page(embedded).path / "index.html"
            anchors = ids(page)
            for article in embedded.body.articles:
                assert article.anchor in anchors, (embedded.title, article.label)


def test_117_links_to_70_and_70_lists_117(seed_site):
    html = (seed_site.site / "2020/04/yzbh-2020-117/index.html").read_text(encoding="utf-8")
    # 《关于促进…实施方案》（阳政办发〔2020〕70号）: the plan that notice issues; the 文号 links the notice
    assert 'href="../yzbf-2020-070/1/"' in html and 'href="../yzbf-2020-070/"' in html
    meta = front_matter(seed_site.docs / "2020/04/yzbf-2020-070/1/index.md")
    assert {"title": "阳泉市人民政府办公室关于成立阳泉市3岁以下婴幼儿照护服务工作领导小组的通知",
            "doc_number": "阳政办函〔2020〕117号", "url": "/2020/04/yzbh-2020-117/"} in meta["cited_by"]
    cited_by = page_text(seed_site.site / "2020/04/yzbf-2020-070/1/index.html")
    assert "阳政办函〔2020〕117号" in cited_by


def test_rules_of_7hao_link_the_procedure_rule(seed_site):
    html = (seed_site.site / "2020/04/yzf-2020-007/2/index.html").read_text(encoding="utf-8")
    assert '<a class="gz-ref" href="../1/">《阳泉市重大行政决策程序规定》</a>' in html


def test_no_broken_internal_links_or_anchors(seed_site):
    broken = []
    checked = 0
    for page, href, target, anchor in internal_links(seed_site.site):
        checked += 1
        if not target.exists() or anchor and target.suffix == ".html" and anchor not in ids(target):
            broken.append((str(page), href))
    assert checked > 3000
    assert broken == []


def test_unit_pages_link_to_task_anchors(seed_site):
    unit = seed_site.site / "units" / "shi-wei-sheng-jian-kang-wei-yuan-hui" / "index.html"
    text = unit.read_text(encoding="utf-8")
    assert "牵头的任务" in text and "#s3-1-3" in text


def test_every_source_line_appears_on_the_page_it_belongs_to(seed, seed_site):
    """Each non-blank line of the bulletin (errata applied) is on its page, verbatim up to whitespace."""
    from gazette.parse.paragraphs import line_text

    owners: dict[int, str] = {}
    for md in seed_site.docs.rglob("*.md"):
        meta = front_matter(md)
        source = meta.get("source")
        if source:
            first, last = source["lines"]
            for n in range(first, last + 1):
                owners[n] = str(md.relative_to(seed_site.docs))
    first_document = seed.documents[0].first_line
    for n in range(1, first_document):
        owners[n] = "2020/04/index.md"
    texts: dict[str, str] = {}
    missing = []
    for n, raw in enumerate(seed.lines, start=1):
        text = squash(line_text(raw))
        if not text:
            continue
        md = owners.get(n)
        assert md is not None, f"line {n} has no page"
        if md not in texts:
            texts[md] = page_text(html_for(seed_site.site, md))
        if text not in texts[md]:
            missing.append((n, md, raw[:40]))
    assert missing == []


def test_text_is_data_not_markup(seed_site):
    html = (seed_site.site / "2020/04/yzbf-2020-088/1/index.html").read_text(encoding="utf-8")
    # the bulletin contains literal <input type="checkbox"/> text in a form; it must not become a checkbox
    assert "&lt;input type=&quot;checkbox&quot;/&gt;" in html
    assert '<input type="checkbox"' not in html.split("<article", 1)[1]


def test_errata_are_shown_with_the_original_text(seed_site):
    html = (seed_site.site / "2020/04/yzbf-2020-083/1/index.html").read_text(encoding="utf-8")
    assert "盂县梁家寨" in html and "勘误" in html and "孟县梁家寨" in html


def test_two_builds_are_byte_identical(seed_site, project):
    from tests.support import SEED

    project.add(SEED)
    assert project.build(full=True) == 0, project.log
    for left, right in ((seed_site.docs, project.docs), (seed_site.site, project.site)):
        comparison = filecmp.dircmp(left, right)
        assert_same_tree(comparison)



def test_pages_carry_their_icon_and_load_one_script(seed_site):
    """No request for an icon (an inline SVG in the theme's red) and one for our scripts (site.js, lunr.js in it)."""
    from bs4 import BeautifulSoup

    for relative in ("index.html", "2020/04/index.html"):
        soup = BeautifulSoup((seed_site.site / relative).read_text(encoding="utf-8"), "html.parser")
        icons = soup.find_all("link", rel="icon")
        assert len(icons) == 1 and icons[0]["href"].startswith("data:image/svg+xml,%3Csvg")
        scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
        ours = [src for src in scripts if "javascripts/bundle" not in src]  # Material's own bundle aside
        assert len(ours) == 1 and ours[0].endswith("assets/site.js")
