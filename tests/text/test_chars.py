from gazette.text.chars import closing_group_start


def test_closing_group_start_balances_nested_brackets():
    text = "加强监管（市住建局牵头，各县(区)人民政府配合）"
    assert text[closing_group_start(text):] == "（市住建局牵头，各县(区)人民政府配合）"
    assert closing_group_start("标题 (阳政发〔2020〕6 号)") == 3


def test_closing_group_start_without_a_closed_trailing_group():
    assert closing_group_start("") is None
    assert closing_group_start("没有括号。") is None
    assert closing_group_start("只有右括号）") is None
