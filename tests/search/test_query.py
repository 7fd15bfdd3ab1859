"""Query semantics on a small vocabulary (the same specification search.js implements)."""

from gazette.search.indexer import synonym_table
from gazette.search.query import (
    a_not_a,
    analyse,
    arabic_figures,
    asked_figures,
    bigrams,
    focus_share,
    hard_breaks,
    in_range,
    level_terms,
    near_misses,
    phrase_coverage,
    question_focus,
    squash_text,
    take_doc_numbers,
    whole_phrase,
)
from gazette.search.settings import SETTINGS
from gazette.search.tokenize import normalise
from gazette.text.docnumber import DocNumber


class Vocab:
    def __init__(self, terms):
        self.terms = terms

    def df(self, term):
        return self.terms.get(term, 0)

    def starting_with(self, char):
        return {t: n for t, n in self.terms.items() if t[0] == char}


VOCAB = Vocab({"养老": 30, "服务": 80, "养老服务": 12, "养老院": 1, "老": 40, "听证会": 5, "听证": 6, "公开": 40,
               "转移登记": 1, "转移": 3, "登记": 9, "不动产": 4, "市规划和自然资源局": 3, "规划": 20, "自然资源": 7,
               "2020": 50, "年底": 9, "年": 99, "一数一源": 1, "工作日": 10})


def test_every_index_term_inside_a_run_longer_ones_weigh_more():
    terms = analyse("养老服务", VOCAB, {}, {}).terms
    assert set(terms) == {"养老", "服务", "养老服务"}
    assert terms["养老服务"] > terms["养老"]


def test_near_miss_finds_the_term_one_character_away():
    assert "养老服务" in near_misses("养老服物", VOCAB)
    assert "养老服务" in analyse("养老服物", VOCAB, {}, {}).terms
    assert near_misses("养老服务", VOCAB) == {}


def test_doc_numbers_in_any_notation_are_taken_out():
    for query in ("阳政办发〔2020〕81号", "阳政办发[2020]81号", "阳政办发（2020）81号", "阳政办发 2020 年 81 号"):
        analysis = analyse(query, VOCAB, {}, {})
        assert [(d.prefix, d.year, d.number) for d in analysis.doc_numbers] == [("阳政办发", 2020, 81)], query
        assert "2020" not in analysis.terms
    assert analyse("政办函117号", VOCAB, {}, {}).doc_numbers[0].prefix == "政办函"


def test_everyday_words_and_unit_aliases_add_official_terms():
    analysis = analyse("买房过户", VOCAB, {"过户": ["转移登记"], "买房": ["不动产"]}, {})
    assert {"转移登记", "不动产"} <= set(analysis.terms)
    analysis = analyse("市规自局", VOCAB, {}, {"市规自局": ["市规划和自然资源局"]})
    assert "市规划和自然资源局" in analysis.terms


def test_lunr_syntax_and_odd_input_never_reach_lunr():
    for query in ("+-:^~*", "听证会~2 +公开", "a:b", "", "😀😀", "《》“”", "养老" * 200):
        analysis = analyse(query, VOCAB, {}, {})
        assert all(not set(term) & set("+-:^~* ") for term in analysis.terms), query


def test_phrase_measures():
    pairs = bigrams(["一数一源"])
    assert phrase_coverage(pairs, squash_text("遵循“一数一源”原则")) == 1.0
    assert phrase_coverage(pairs, squash_text("一数据一来源")) < 0.5
    assert whole_phrase(["一数一源"], squash_text("遵循一数一源原则")) == 1.0
    assert analyse('"一数一源"', VOCAB, {}, {}).quoted == ["一数一源"]


def test_article_numbers_in_any_numerals_become_the_label():
    vocab = Vocab({"第三十四条": 1, "程序": 5, "规定": 9})
    for query in ("程序规定第34条", "程序规定 34条", "程序规定第三十四条", "程序规定第 34 条"):
        analysis = analyse(query, vocab, {}, {})
        assert analysis.articles == ["第三十四条"], query
        assert "第三十四条" in analysis.terms and "34" not in analysis.terms
        assert {"程序", "规定"} <= set(analysis.terms)  # the rare number does not push the words out
    assert analyse("第〇条", vocab, {}, {}).articles == []


def test_question_forms_and_how_many_questions():
    assert analyse("多少度算高温", VOCAB, {}, {}).defines == ["高温"]
    assert analyse("什么是霜冻", VOCAB, {}, {}).defines == ["霜冻"]
    assert analyse("可回收物 指什么", VOCAB, {}, {}).defines == ["可回收物"]
    assert analyse("听证会 公开", VOCAB, {}, {}).defines == []
    assert analyse("材料 提前几天", VOCAB, {}, {}).quantities == ["日", "天", "工作日"]  # readers say 天 for 工作日 too
    assert "工作日" in analyse("审查 要多久", VOCAB, {}, {}).quantities
    from gazette.search.query import has_quantity

    assert has_quantity("决策草案等材料应当提前3日送与会代表", ["日", "天"])
    assert not has_quantity("应当提前送与会代表", ["日", "天"])


def test_question_forms_ask_for_a_kind_of_answer_and_leave_the_terms():
    from gazette.search.query import answer_share

    money = analyse("评上大师 奖多少钱", VOCAB, {}, {})
    assert money.answers and answer_share("给予一次性20万元奖补", money.answers) == 1.0
    assert answer_share("给予奖补", money.answers) == 0.0
    may = analyse("养老院 还需不需要审批", VOCAB, {}, {})
    assert answer_share("依法落实取消养老机构设立许可制度", may.answers) > 0
    assert not any("需" in t for t in may.own)  # 需不需要 is the question, not a word to find
    assert analyse("听证会 公开", VOCAB, {}, {}).answers == []


def test_units_named_with_all_their_names():
    analysis = analyse("市规自局 老旧小区", VOCAB, {}, {"市规自局": ["市规划和自然资源局"],
                                                       "市规划和自然资源局": ["市规自局"]})
    assert analysis.units == ["市规自局", "市规划和自然资源局"]


def test_search_js_uses_the_one_definition_of_a_chinese_character():
    """search.js cannot import gazette.text.chars: its two classes must be the same ranges."""
    import re as _re

    from gazette.search.tokenize import CJK
    from gazette.text.chars import HAN, HAN_BMP
    from tests.support import REPO

    source = (REPO / "gazette" / "site" / "assets" / "search.js").read_text(encoding="utf-8")

    def js_class(name: str) -> set[tuple[int, int]]:
        text = _re.search(rf'var {name} = "([^"]+)";', source).group(1)
        text = _re.sub(r"\\u\{([0-9a-f]+)\}|\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
        return {(ord(text[i]), ord(text[i + 2])) for i in range(0, len(text), 3)}

    def py_class(text: str) -> set[tuple[int, int]]:
        return {(ord(text[i]), ord(text[i + 2])) for i in range(0, len(text), 3)}

    assert js_class("HAN") == py_class(HAN) and js_class("CJK") == py_class(HAN_BMP) == py_class(CJK)
    assert len(py_class(HAN)) == 4


PREFIXES = frozenset({"阳政办发", "阳政发", "阳政办函"})


def test_short_forms_of_a_doc_number():
    """78号文, 〔2020〕86, 2020年86号: a number without its 机关代字 is a 文号 with its year or as N号文;
    words before a number that no 机关代字 holds stay in the query."""
    cases = {"78号文 出租车": ("", None, 78), "〔2020〕86": ("", 2020, 86), "2020年86号": ("", 2020, 86),
             "政办发[2020]73": ("政办发", 2020, 73), "查询政办函117号": ("政办函", None, 117)}
    for query, expected in cases.items():
        rest, numbers = take_doc_numbers(query, PREFIXES)
        assert [(d.prefix, d.year, d.number) for d in numbers] == [expected], query
    assert take_doc_numbers("出租车 78号文", PREFIXES)[0].strip() == "出租车"
    assert take_doc_numbers("查询政办函117号", PREFIXES)[0].strip() == "查询"
    for query in ("3号楼", "出租车更新 78号", "2020年8月8号"):  # a house number, a bare number, a date
        assert take_doc_numbers(query, PREFIXES) == (query, []), query
    assert DocNumber("", None, 78).matches(DocNumber("阳政办发", 2020, 78))
    assert not DocNumber("", 2019, 78).matches(DocNumber("阳政办发", 2020, 78))


def test_a_not_a_question_keeps_its_word():
    vocab = Vocab({"分类": 5, "垃圾": 9, "需要": 20})
    words = SETTINGS["questions"]["words"]
    assert a_not_a("垃圾分不分类", vocab, words) == "垃圾分类"
    assert a_not_a("需不需要", vocab, words) == "需不需要"  # a question word itself
    assert a_not_a("发不发补", vocab, words) == "发不发补"  # 发补 is no word
    assert "分类" in analyse("垃圾分不分类", vocab, {}, {}).terms


def test_grades_in_any_numerals():
    assert level_terms("三级应急响应") == ["iii", "三级", "3"]
    assert level_terms(normalise("Ⅳ级")) == ["iv", "四级", "4"]  # NFKC: iv级
    assert level_terms("13级 十三级") == []
    assert "iii" in analyse("三级响应", Vocab({"iii": 2, "响应": 5}), {}, {}).terms


def test_near_synonyms_go_both_ways(tmp_path):
    everyday = tmp_path / "synonyms.yaml"
    everyday.write_text("至少: [最低]\n", encoding="utf-8")
    near = tmp_path / "near.yaml"
    near.write_text("- [至少, 不少于]\n", encoding="utf-8")
    table = synonym_table(everyday, near)
    assert table["至少"] == ["最低", "不少于"] and table["不少于"] == ["至少"]


def test_a_figure_inside_a_range_of_its_unit():
    units = SETTINGS["ranges"]
    assert asked_figures("3岁以下 2021年前 2001年-2008年", units) == []  # bounds and ranges, not points
    figures = asked_figures("我们楼是2006年建成的 孩子5岁", units)
    assert figures == [(2006.0, "年"), (5.0, "岁")]
    assert in_range(normalise("对全市范围内 2001 年—2008 年之间竣工"), figures, units)
    assert in_range(normalise("招收3至6岁儿童"), figures, units)
    assert not in_range(normalise("2009年—2012年"), figures, units)
    assert not in_range(normalise("2001 年—2008 人"), figures, units)  # another unit


def test_a_figure_in_chinese_numerals_is_a_figure():
    units = SETTINGS["ranges"]
    assert arabic_figures("我们楼是二〇〇六年建成的 孩子五岁", units) == "我们楼是2006年建成的 孩子5岁"
    assert arabic_figures("三十平方米 一百人 〇〇年 十五个工作日", units) == "30平方米 100人 〇〇年 十五个工作日"  # 工作日: no range unit
    assert asked_figures(arabic_figures("二〇〇六年建成", units), units) == [(2006.0, "年")]


def test_no_term_across_the_readers_space_between_two_words():
    vocab = Vocab({"小组": 5, "组长": 5, "组组长": 1, "李文兵": 1, "文兵": 1})
    assert hard_breaks([2], 4) == [2] and hard_breaks([1], 4) == []  # 李 文兵: a single character joins
    analysis = analyse("领导小组 组长", vocab, {}, {})
    assert "组组长" not in analysis.terms and {"小组", "组长"} <= set(analysis.terms)
    assert "组组长" in analyse("领导小组组长", vocab, {}, {}).terms
    split_name = analyse("李 文兵 组长", vocab, {}, {}, frozenset({"李文兵"}))
    assert "李文兵" in split_name.terms and split_name.people == ["李文兵"]


def test_the_word_a_yes_no_question_asks_about():
    forms = SETTINGS["questions"]["focus"]
    own = {"专家", "论证", "需要", "回避", "民政部门", "批准", "转让", "期限"}
    assert question_focus("专家论证需要回避吗", own, forms) == ["回避"]
    assert question_focus("还需不需要民政部门批准", own, forms) == ["批准"]
    assert question_focus("期限几年\u2063能不能转让", own, forms) == ["转让"]
    assert question_focus("专家论证", own, forms) == []
    analysis = analyse("需要回避吗", Vocab({"需要": 9, "回避": 1}), {"回避": ["退出"]}, {})
    assert analysis.focus == [["回避", "退出"]]
    assert focus_share("应当申请回避", analysis.focus) == 1.0 and focus_share("应当退出", analysis.focus) == 1.0
    assert focus_share("应当申请", analysis.focus) == 0.0
