import pytest

from gazette.parse.lines import LineKind, classify_line, classify_lines, is_title_like, looks_like_fragment, match_label


@pytest.mark.parametrize("line,kind,label,number", [
    ("第一章 总 则", "chapter", "第一章", 1),
    ("第十七条 参加决策论证的专家一般不少于 5 人。", "article", "第十七条", 17),
    ("第四十四条 本规定自2020年9月1日起施行。", "article", "第四十四条", 44),
    ("一、总体思路", "part", "一、", 1),
    ("（一）必要性；", "clause", "（一）", 1),
    ("- (三) 不可行性;", "clause", "(三)", 3),
    ("1. 全面落实产假", "item", "1.", 1),
    ("2. 项目过程监督。加强工程安全质量管理", "item", "2.", 2),
    ("(1) 定位监控、无线通信功能；", "subitem", "(1)", 1),
    ("①序号：项目中涉及的数据资源的序号。", "point", "①", 1),
    ("3.4.1 Ⅳ级响应", "decimal", "3.4.1", 1),
    ("1 总则", "decimal", "1", 1),
])
def test_labels(line, kind, label, number):
    found = match_label(line)
    assert (found.kind, found.text, found.number) == (kind, label, number)


@pytest.mark.parametrize("line", ["2020 年，全市完成 374.11 万平方米", "3 岁以下婴幼儿照护服务", "5 人",
                                  "第三条规定执行", "市住建局：负责贯彻落实"])
def test_running_text_is_not_a_label(line):
    assert match_label(line) is None


def test_member_lines_and_fragments():
    assert classify_line(1, "王 晓 市大数据局副局长").kind is LineKind.MEMBER
    assert classify_line(1, "电 话：").kind is LineKind.FIELD
    assert looks_like_fragment("意见；") and looks_like_fragment("的决策事项，按照") and looks_like_fragment("位，建立土壤")
    assert not looks_like_fragment("推动各级各类婴幼儿照护服务机构发展，探索")
    assert is_title_like("加快推进婴幼儿照护和早期发展的政策支持和养育指导") and not is_title_like("可行性，必要性")


@pytest.mark.parametrize("raw,kind", [
    ("", LineKind.BLANK),
    ("   ", LineKind.BLANK),
    ("县区\t面积", LineKind.TABLE),
    ("第十七条 参加决策论证的专家一般不少于 5 人。", LineKind.LABEL),
    ("2020年7月30日", LineKind.DATE),
    ("（此件公开发布）", LineKind.PUBLIC),
    ("附件 1：", LineKind.ATTACHMENT),
    ("附件：1. 阳泉市重大行政决策目录", LineKind.ATTACHMENT),
    ("牵头单位：市工信局", LineKind.UNITS),
    ("组 长：王晓", LineKind.FIELD),
    ("王 晓 市大数据局副局长", LineKind.MEMBER),
    ("推动各级各类婴幼儿照护服务机构发展，探索", LineKind.TEXT),
])
def test_each_line_is_classified_once_into_one_kind(raw, kind):
    assert classify_line(7, raw).kind is kind


def test_a_line_keeps_number_text_bullet_and_label():
    first, second = classify_lines(["- (三) 不可行性;  ", "推动发展"], start=41)
    assert (first.number, first.text, first.body, first.bullet) == (41, "- (三) 不可行性;", "(三) 不可行性;", True)
    assert first.label is not None and (first.label.kind, first.label.number) == ("clause", 3)
    assert first.starts_block and not second.starts_block and second.number == 42 and second.label is None
