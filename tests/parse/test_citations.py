from gazette.model import Paragraph
from gazette.parse.citations import citations_in
from gazette.parse.validate import document_blocks


def _cite(text):
    return [(c.kind, c.key, c.repeals, c.revises) for c in citations_in(Paragraph(text, [1]))]


def test_repeal_names_what_stands_before_tongshi_feizhi():
    got = _cite("本预案自印发之日起实施，2017年12月29日印发的《阳泉市气象灾害应急预案》(阳政办发〔2017〕145号)同时废止。")
    assert ("文号", "阳政办发〔2017〕145号", True, False) in got
    assert ("title", "阳泉市气象灾害应急预案", True, False) in got


def test_mentioning_a_regulation_is_not_repealing_it():
    got = _cite("全面梳理我市与《优化营商环境条例》不相适应的政府规章，应改尽改、应废尽废，按照法定程序完成废止。")
    assert got == [("title", "优化营商环境条例", False, False)]


def test_amendment_cues():
    assert _cite("阳泉市人民政府关于修改《阳泉市重大行政决策程序规定》的决定")[0][3] is True


def test_citations_carry_their_offsets_in_the_paragraph():
    text = "根据有关规定。按照《阳泉市重大行政决策程序规定》（阳政发〔2020〕6号）执行；《阳泉市气象灾害应急预案》同时废止。"
    found = citations_in(Paragraph(text, [9]))
    assert [(c.kind, c.line) for c in found] == [("文号", 9), ("title", 9), ("title", 9)]
    for citation in found:
        assert text[citation.start:citation.end] == citation.raw
    assert found[0].start == text.index("阳政发")


def test_every_citation_of_the_seed_stands_at_its_offsets(seed):
    checked = 0
    for document in seed.documents:
        texts = {b.lines[0]: b.text for b in document_blocks(document) if isinstance(b, Paragraph)}
        for citation in [*document.citations, *(c for e in document.embedded for c in e.citations)]:
            assert texts[citation.line][citation.start:citation.end] == citation.raw
            checked += 1
    assert checked > 50
