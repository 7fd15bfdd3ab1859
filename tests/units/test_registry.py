"""The unit list on its own: every way a unit is written meets one name; bad lists say where."""

from __future__ import annotations

import pytest

from gazette.errors import InputError
from gazette.units.registry import CanonicalUnit, UnitRegistry, load_registry
from tests.support import REPO

HEALTH = CanonicalUnit("市卫生健康委员会", "市卫健委", ["市卫计委"])


def registry(city: str | None = "阳泉市") -> UnitRegistry:
    units = UnitRegistry(city=city)
    units.add(HEALTH)
    units.add(CanonicalUnit("市工业和信息化局", "市工信局", []))
    return units


@pytest.mark.parametrize("written", [
    "市卫生健康委员会", "市卫健委", "市卫计委",  # name, short, alias
    "阳泉市卫生健康委员会",  # the city's name folds to 市
    "市 卫健委",  # spaces dropped
    "卫健委",  # without the 市 prefix
    "市卫健委（市中医药管理局）",  # a trailing bracketed second name
    "市卫健委(市中医药管理局)",  # with ASCII brackets
])
def test_ways_of_writing_a_unit_meet_one_name(written):
    assert registry().resolve(written) == "市卫生健康委员会"


@pytest.mark.parametrize("written", ["市财政局", "县卫健委", "各县区人民政府", ""])
def test_units_not_in_the_list_are_not_guessed(written):
    assert registry().resolve(written) is None


def test_another_city_folds_its_own_name_only():
    assert registry("大同市").resolve("大同市卫生健康委员会") == "市卫生健康委员会"
    assert registry("大同市").resolve("阳泉市卫生健康委员会") is None
    assert registry("阳泉市").with_city("大同市").resolve("大同市卫健委") == "市卫生健康委员会"


def test_adding_a_unit_again_merges_its_aliases_and_keeps_its_short_name():
    units = registry()
    units.add(CanonicalUnit("市卫生健康委员会", "卫健", ["市卫生局"], kind="group"))
    merged = units.units["市卫生健康委员会"]
    assert (merged.short, merged.kind, merged.aliases) == ("市卫健委", "department", ["市卫生局", "市卫计委"])
    assert units.resolve("市卫生局") == units.resolve("市卫计委") == "市卫生健康委员会"


def test_load_registry_reads_the_site_list_and_skips_missing_files(tmp_path):
    units = load_registry(tmp_path / "absent.yaml", REPO / "bulletins" / "units.yaml")
    assert len(units.units) > 20
    assert load_registry(tmp_path / "absent.yaml").units == {}


@pytest.mark.parametrize(("text", "line", "wording"), [
    ("- name: 市财政局\n- short: 财政\n", 2, "缺少 name"),
    ("- name: 市财政局\n  aliases: 财政\n", 1, "aliases 应是一个列表"),
])
def test_a_bad_entry_names_its_file_and_line(tmp_path, text, line, wording):
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_registry(path)
    assert (raised.value.path, raised.value.line) == (path, line)
    assert wording in raised.value.message
