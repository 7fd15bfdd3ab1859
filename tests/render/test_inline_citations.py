"""Pages link a paragraph's citations at the offsets the parser stored (no second search)."""

from gazette.model import Paragraph
from gazette.parse.citations import citations_in
from gazette.render.body import RenderContext, inline, paragraph_html

TEXT = "按照《阳泉市重大行政决策程序规定》（阳政发〔2020〕6号）执行。"


def _ctx(citations):
    targets = {"阳政发〔2020〕6号": "2020/04/yzf-2020-006/",
               "阳泉市重大行政决策程序规定|阳政发〔2020〕6号": "2020/04/yzf-2020-006/1/"}
    return RenderContext("2020/05/x/", targets.get, citations={1: citations})


def test_links_stand_where_the_parser_found_the_citations():
    citations = citations_in(Paragraph(TEXT, [1]))
    html = inline(TEXT, [1], _ctx(citations), citations)
    assert html.count('class="gz-ref"') == 2
    assert '>阳政发〔2020〕6号</a>' in html and '>《阳泉市重大行政决策程序规定》</a>' in html


def test_offsets_not_the_text_decide_what_is_linked():
    citations = citations_in(Paragraph(TEXT, [1]))
    html = inline(TEXT, [1], _ctx(citations[:1]), citations[:1])  # only the 文号 was kept
    assert html.count('class="gz-ref"') == 1 and "《阳泉市重大行政决策程序规定》</a>" not in html


def test_a_heading_rest_is_linked_with_shifted_offsets():
    heading = Paragraph("一、总体要求。" + TEXT, [1])
    citations = citations_in(heading)
    html = "".join(paragraph_html(heading, _ctx(citations), text=TEXT))
    assert '>阳政发〔2020〕6号</a>' in html and "一、总体要求" not in html


def test_an_article_of_the_page_itself_is_an_in_page_link():
    text = "执行中出现本规定第三十五条、第三十六条规定的情形的，依照本办法第九十九条处理。"
    anchors = {35: "art-35", 36: "art-36"}
    ctx = RenderContext("2020/04/x/1/", lambda key: None,
                        article_anchor=lambda path, number: anchors.get(number) if path == "2020/04/x/1/" else None)
    html = inline(text, [1], ctx, [])
    assert '<a class="gz-ref" href="#art-35">本规定第三十五条</a>' in html
    assert '<a class="gz-ref" href="#art-36">第三十六条</a>' in html
    assert "本办法第九十九条" in html and html.count("<a ") == 2  # no such article: no link


def test_the_seed_s_own_article_references_link_to_their_articles(seed_site):
    # 《阳泉市重大行政决策程序规定》 cites itself: 根据本规定第三条第一款规定 … 本规定第三十五条规定的情形.
    pages = [p for p in (seed_site.docs).rglob("*.md") if "本规定第三十五条" in p.read_text(encoding="utf-8")]
    assert pages
    text = pages[0].read_text(encoding="utf-8")
    assert '<a class="gz-ref" href="#art-3">本规定第三条第一款</a>' in text
    assert '<a class="gz-ref" href="#art-35">本规定第三十五条</a>' in text


def test_the_article_before_is_linked_from_its_successor():
    """依照前条规定 in 第三条 links 第二条; outside an article, or in 第一条, 前条 stays text."""
    from gazette.model import Body, Unit
    from gazette.render.body import body_markdown

    anchors = {1: "art-1", 2: "art-2", 3: "art-3"}
    ctx = RenderContext("2020/04/x/1/", lambda key: None,
                        article_anchor=lambda path, number: anchors.get(number) if path == "2020/04/x/1/" else None)

    def article(number: int, label: str, text: str) -> Unit:
        return Unit("article", label, number, Paragraph(f"{label} {text}", [number]), False, anchor=f"art-{number}")

    html = "\n".join(body_markdown(Body(blocks=[Paragraph("前条之外。", [9])], units=[
        article(1, "第一条", "依照前条规定。"), article(2, "第二条", "甲。"),
        article(3, "第三条", "违反前条规定的，依照上一条处理。")]), ctx))
    assert html.count('href="#art-2">前条</a>') == 1 and 'href="#art-2">上一条</a>' in html
    assert html.count("<a class=\"gz-ref\"") == 2  # not in 第一条, not outside the articles


def test_each_paragraph_of_an_article_is_anchored_and_names_the_one_before():
    """第二款 onwards of an article get art-N-k2 …, with a copy control citing 第三条第二款; 前款 in a 款 (or an
    item under it) links the 款 before it; in an article's first 款 it stays text (it names nothing there)."""
    from gazette.model import Body, Unit
    from gazette.parse.structure import assign_anchors
    from gazette.render.body import body_markdown

    def article(number: int, label: str, *texts: str, item: str = "") -> Unit:
        paragraphs = [Paragraph(text, [number * 10 + n]) for n, text in enumerate(texts)]
        unit = Unit("article", label, number, paragraphs[0], False, blocks=paragraphs[1:])
        if item:
            unit.children = [Unit("item", "（一）", 1, Paragraph(f"（一）{item}", [number * 10 + 9]), False)]
        return unit

    body = Body(units=[article(2, "第二条", "第二条 前款之外。"),
                       article(3, "第三条", "第三条 甲。", "前款规定的事项，乙。", "违反前款的，丙：", item="依照前款处理；")])
    assign_anchors(body)
    assert [p.anchor for p in body.units[1].paragraphs()[1:]] == ["art-3-k2", "art-3-k3"]
    assert body.units[0].paragraphs() == [body.units[0].heading]
    html = "\n".join(body_markdown(body, RenderContext("2020/04/x/1/", lambda key: None)))
    assert 'id="art-3-k2"' in html and 'id="art-3-k3"' in html
    assert 'data-cite="第三条第二款"' in html and 'data-cite="第三条第三款"' in html
    assert html.count('href="#art-3">前款</a>') == 1  # in 第二款
    assert html.count('href="#art-3-k2">前款</a>') == 2  # in 第三款 and in its item
    assert html.count(">前款</a>") == 3 and "前款之外" in html  # 第二条's first 款: text


def test_the_seed_s_preceding_paragraphs_are_linked_in_page(seed_site):
    """Every 前款 of the real bulletin links the 款 before the one it stands in, an id of its own page."""
    import re

    from bs4 import BeautifulSoup

    links = 0
    for page in sorted(seed_site.site.rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("a", class_="gz-ref", string="前款"):
            assert soup.find(id=link["href"][1:]) is not None, (page, link["href"])
            own = re.fullmatch(r"(.+)-k(\d+)", link.find_parent("p")["id"])
            assert own is not None, (page, link.find_parent("p")["id"])  # each stands in a second or later 款
            before = own.group(1) if own.group(2) == "2" else f"{own.group(1)}-k{int(own.group(2)) - 1}"
            assert link["href"] == "#" + before
            links += 1
    assert links == 7  # 前款 stands 7 times in 2020年第4期
