from gazette.model import Paragraph, Table
from gazette.parse.lines import classify_line, classify_lines, match_label
from gazette.parse.paragraphs import blocks_of, continues, join_lines


def _texts(lines, in_articles=False):
    blocks = [j.block for j in join_lines(classify_lines(lines), in_articles)]
    return [b.text if isinstance(b, Paragraph) else b.rows for b in blocks]


def _continues(previous, following):
    return continues(previous, match_label(previous), classify_line(2, following))


def test_broken_sentence_is_rejoined_across_blank_lines():
    assert _texts(["第三十八条 决策后评估结果应当作为调", "", "整重大行政决策的重要依据。"]) == [
        "第三十八条 决策后评估结果应当作为调整重大行政决策的重要依据。"]


def test_heading_is_not_joined_to_the_paragraph_after_it():
    assert _texts(["（二）加快建设婴幼儿照护服务有效供给体系", "推动各级各类婴幼儿照护服务机构发展，探索。"]) == [
        "（二）加快建设婴幼儿照护服务有效供给体系", "推动各级各类婴幼儿照护服务机构发展，探索。"]


def test_title_like_item_continues_into_a_plain_fragment():
    assert _texts(["（二）公民、法人或者其他组织提出较多", "意见；"], in_articles=True) == [
        "（二）公民、法人或者其他组织提出较多意见；"]
    assert _texts(["2. 统一规划、整合优化现有监测站点和点", "位，建立土壤环境质量监测网络。"]) == [
        "2. 统一规划、整合优化现有监测站点和点位，建立土壤环境质量监测网络。"]


def test_labels_dates_units_lines_and_members_start_new_blocks():
    assert not _continues("决策机关行政首长可以先决定中", "第三十五条 决策执行单位发现")
    assert not _continues("阳泉市人民政府", "2020年7月30日")
    assert not _continues("2.倡导绿色消费。积极倡导低碳生活", "牵头单位:市委宣传部")
    assert not _continues("翟建光 市民政局副局长", "赵玉兵 市财政局副局长")
    assert _continues("决策机关行政首长可以先决定中", "止执行，并及时报告")


def test_units_parenthetical_ends_a_paragraph():
    assert not _continues("…鼓励使用村集体建设用地建设托育机构（责任单位：市规划和自然资源局）", "2. 加大扶持力度。")


def test_tab_rows_become_a_table_and_bullets_are_recorded():
    blocks = blocks_of(classify_lines(["县区\t面积", "平定县\t53.9", "- (三) 不可行性;"]))
    assert isinstance(blocks[0], Table) and blocks[0].rows == [["县区", "面积"], ["平定县", "53.9"]]
    assert blocks[1].text == "(三) 不可行性;" and blocks[1].bullet
