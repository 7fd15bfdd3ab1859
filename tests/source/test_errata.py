import pytest

from gazette.errors import InputError
from gazette.parse.loader import parse_file
from tests.support import REPO, SEED


def test_seed_errata_are_applied_and_recorded(seed):
    assert {e.original for e in seed.errata} >= {"孟县梁家寨", "过程记录 and 材料归档制度", "主下级人民政府"}
    assert "盂县梁家寨" in seed.lines[3023 - 1]
    assert " and " not in seed.lines[314 - 1]


def test_stale_erratum_is_an_error_naming_the_errata_file(tmp_path):
    bulletin = tmp_path / "2020-04.txt"
    bulletin.write_bytes(SEED.read_bytes())
    (tmp_path / "errata.yaml").write_text(
        "- {issue: 2020-04, line: 10, original: 不存在的文字, corrected: x, reason: test}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        parse_file(bulletin)
    assert "errata.yaml" in str(error.value) and "第 10 行" in str(error.value)


def test_errata_file_syntax_error_names_line(tmp_path):
    bulletin = tmp_path / "2020-04.txt"
    bulletin.write_bytes(SEED.read_bytes())
    (tmp_path / "errata.yaml").write_text("- issue: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        parse_file(bulletin)
    assert error.value.line in (1, 2) and "勘误文件不是有效的 YAML" in str(error.value)


@pytest.mark.parametrize("entry, words", [
    ("- {issue: 2020-04, line: 十, original: a, corrected: b, reason: c}", "line 应是正整数"),
    ("- {issue: 2020-04, line: 0, original: a, corrected: b, reason: c}", "line 应是正整数"),
    ("- {issue: 2020-04, line: 3, original: a, corrected: b}", "缺少 reason"),
    ("issue: 2020-04", "应是一个 YAML 列表"),
])
def test_errata_entries_are_checked_with_their_line(tmp_path, entry, words):
    bulletin = tmp_path / "2020-04.txt"
    bulletin.write_bytes(SEED.read_bytes())
    (tmp_path / "errata.yaml").write_text("# 勘误\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        parse_file(bulletin)
    assert words in str(error.value) and str(error.value).startswith(f"{tmp_path / 'errata.yaml'}:")


def test_repository_errata_match_the_repository_bulletin():
    assert (REPO / "bulletins" / "errata.yaml").exists()
