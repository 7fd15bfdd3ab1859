from gazette.model import Paragraph
from gazette.parse.citations import citations_in


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
