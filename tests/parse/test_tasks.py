from gazette.parse.lines import classify_lines
from gazette.parse.paragraphs import join_lines
from gazette.parse.structure import build_body
from gazette.parse.tasks import extract_tasks, parse_unit_clause, split_unit_names


def test_unit_clause_forms():
    c = parse_unit_clause("市生态环境局牵头，市农业农村局、市规划和自然资源局配合，各县区人民政府负责落实")
    assert (c.lead, c.co, c.implementing) == (["市生态环境局"], ["市农业农村局", "市规划和自然资源局"], ["各县区人民政府"])
    c = parse_unit_clause("牵头单位：市人社局，责任单位：市卫健委、市总工会")
    assert (c.lead, c.co) == (["市人社局"], ["市卫健委", "市总工会"])
    assert parse_unit_clause("市教育局、市卫健委按职责分工负责").lead == ["市教育局", "市卫健委"]
    assert parse_unit_clause("责任单位：市卫健委").lead == ["市卫健委"]
    c = parse_unit_clause("市审批服务管理局牵头，各县（区）政府、开发区管委会、市直相关部门按职责分工负责")
    assert c.lead == ["市审批服务管理局"] and c.co[0] == "各县（区）政府"
    assert parse_unit_clause("含城区政府 2019 年超额完成的 55 万平方米") is None
    assert parse_unit_clause("以下简称决策承办单位") is None


def test_unit_names_split_but_keep_names_with_he():
    assert split_unit_names("市民政局、市卫健委和县区人民政府") == ["市民政局", "市卫健委", "县区人民政府"]
    assert split_unit_names("市规划和自然资源局、市发展和改革委员会") == ["市规划和自然资源局", "市发展和改革委员会"]
    assert split_unit_names("市工信局、市公安局等市直相关部门") == ["市工信局", "市公安局", "市直相关部门"]


def test_tasks_from_parentheticals_and_separate_lines():
    lines = ["一、任务", "1. 推进清洁生产。大力推进。", "牵头单位：市工信局", "责任单位：各区人民政府",
             "2. 倡导绿色消费。积极倡导。（市商务局牵头，市发改委配合）", "3. 园林垃圾处理。",
             "（责任单位：市城市管理局）"]
    body = build_body(join_lines(classify_lines(lines))).body
    tasks = extract_tasks(body, lambda name: name)
    assert [(t.label, [r.raw for r in t.lead], [r.raw for r in t.co]) for t in tasks] == [
        ("1.", ["市工信局"], ["各区人民政府"]), ("2.", ["市商务局"], ["市发改委"]), ("3.", ["市城市管理局"], [])]
    assert tasks[0].anchor == "s1-1" and tasks[2].lines == [6, 7]
