"""The render stage on a linked archive, without mkdocs: front-matter, the card, references, the
Markdown of every page (valid front-matter, deterministic)."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup

from gazette.link.archive import link_archive
from gazette.link.validity import assess
from gazette.parse.loader import parse_file
from gazette.render.document_page import _card, front_matter, notice_markdown, responsible_units
from gazette.render.pages import render_archive
from tests.support import AS_OF, BULLETINS, SEED

REPEALER, REPEALED = "2020/05/yzf-2020-009/", "2020/04/yzbf-2020-090/"


@pytest.fixture(scope="module")
def archive(registry):
    issues = [parse_file(SEED, registry), parse_file(BULLETINS / "yangquan-2020-05.txt", registry),
              parse_file(BULLETINS / "yangquan-2021-01.txt", registry)]
    archive = link_archive(issues)
    assess(archive, AS_OF)
    return archive


@pytest.fixture(scope="module")
def pages(archive):
    return render_archive(archive, {}, AS_OF)


def test_front_matter_lists_relations_as_plain_values(archive):
    data = front_matter(archive, archive.pages[REPEALER])
    assert data["supersedes"][0] == {"ref": "阳泉市市级应急政府采购管理暂行办法", "relation": "repeals",
                                     "url": "/" + REPEALED + "1/", "doc_numbers": ["阳政办发〔2020〕90号"]}
    # the 办法 it issues replaces the one it repeals: 新版本 of the notice and of the 办法
    assert {(e["relation"], e["url"]) for e in data["supersedes"][1:]} == {
        ("replaces", "/" + REPEALED), ("replaces", "/" + REPEALED + "1/")}
    repealed = front_matter(archive, archive.pages[REPEALED])
    assert [(e["url"], e["relation"]) for e in repealed["superseded_by"]] == [("/" + REPEALER, "repeals"),
                                                                             ("/" + REPEALER, "replaces")]
    unheld = front_matter(archive, archive.pages["2020/04/yzbf-2020-079/1/"])["supersedes"]
    assert unheld == [{"ref": "阳泉市气象灾害应急预案", "relation": "repeals", "url": None,
                       "doc_numbers": ["阳政办发〔2017〕145号"]}]
    # Plain strings, not enum objects: the YAML writer and JSON readers see text.
    assert all(type(e["relation"]) is str for e in data["supersedes"] + repealed["superseded_by"])


def test_the_card_names_relations_in_chinese_with_relative_links(archive):
    card = BeautifulSoup(_card(archive, archive.pages[REPEALED])[0], "html.parser")
    rows = {dt.get_text(): dd for dt, dd in zip(card.find_all("dt"), card.find_all("dd"), strict=True)}
    assert rows["被废止/修改"].get_text() == "阳政发〔2020〕9号 废止"
    assert rows["被废止/修改"].a["href"] == "../../05/yzf-2020-009/"
    later = BeautifulSoup(_card(archive, archive.pages[REPEALER])[0], "html.parser")
    items = {dt.get_text(): dd for dt, dd in zip(later.find_all("dt"), later.find_all("dd"), strict=True)}
    assert items["废止/修改"].get_text() == "废止 《阳泉市市级应急政府采购管理暂行办法》（阳政办发〔2020〕90号）"
    plan = BeautifulSoup(_card(archive, archive.pages["2020/04/yzbf-2020-079/1/"])[0], "html.parser")
    assert "废止 《阳泉市气象灾害应急预案》（阳政办发〔2017〕145号）（本站未收录）" in plan.get_text()


def test_responsible_units_keep_first_mention_order_without_repeats(archive):
    tasks = [t for page in archive.pages.values() for t in (page.embedded.tasks if page.embedded else [])]
    units = responsible_units(tasks)
    for role in ("lead", "co", "implementing"):
        assert len(units[role]) == len(set(units[role]))
    assert units["lead"] and responsible_units([]) == {"lead": [], "co": [], "implementing": []}


def test_every_page_has_front_matter_a_yaml_reader_takes(pages, archive):
    documents = [path for path in pages if path.endswith("index.md") and path.removesuffix("index.md")
                 in archive.pages]
    assert len(documents) == len(archive.pages)
    for path in documents:
        text = pages[path]
        assert text.startswith("---\n")
        data = yaml.safe_load(text.split("---", 2)[1])
        assert data["title"] == archive.pages[path.removesuffix("index.md")].title


def test_rendering_twice_gives_the_same_pages(archive, pages):
    assert render_archive(archive, {}, AS_OF) == pages
    notice = archive.pages[REPEALER]
    assert notice_markdown(archive, notice) == pages[REPEALER + "index.md"]
