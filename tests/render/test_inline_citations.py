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
