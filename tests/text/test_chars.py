from gazette.parse.lines import LineKind, classify_line
from gazette.text.chars import closing_group_start, is_cjk


def test_closing_group_start_balances_nested_brackets():
    text = "加强监管（市住建局牵头，各县(区)人民政府配合）"
    assert text[closing_group_start(text):] == "（市住建局牵头，各县(区)人民政府配合）"
    assert closing_group_start("标题 (阳政发〔2020〕6 号)") == 3


def test_closing_group_start_without_a_closed_trailing_group():
    assert closing_group_start("") is None
    assert closing_group_start("没有括号。") is None
    assert closing_group_start("只有右括号）") is None


def test_one_han_range_for_every_rule():
    rare = "\u4dae"  # 䶮, extension A: a name character the unified block alone would miss
    assert is_cjk(rare) and is_cjk("阳") and is_cjk("\U00020000") and not is_cjk("a") and not is_cjk("，")
    assert classify_line(1, f"王 {rare} 市大数据局副局长").kind is LineKind.MEMBER
