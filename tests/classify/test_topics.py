"""The classifier against the judged table (tests/fixtures/topics_judged.yaml), written before the
rules were tuned: seed bulletin and every fixture bulletin, every document."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from gazette.classify import classify_archive, load_taxonomy
from gazette.classify.taxonomy import DEFAULT_TOPICS
from gazette.classify.topics import ClassifiableText, Passage, classify_text, purpose_clause, tag_names
from gazette.errors import InputError
from gazette.link.archive import Archive, link_archive
from gazette.model import Document, EmbeddedDocument, ParsedIssue
from gazette.parse.loader import parse_file
from gazette.units.registry import load_registry

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
JUDGED = yaml.safe_load((FIXTURES / "topics_judged.yaml").read_text(encoding="utf-8"))
SOURCES = {"2020-04": REPO / "bulletins" / "2020-04.txt",
           "2020-05": FIXTURES / "bulletins" / "yangquan-2020-05.txt",
           "2021-01": FIXTURES / "bulletins" / "yangquan-2021-01.txt",
           "datong-2020-06": FIXTURES / "bulletins" / "datong-2020-06.txt",
           "jinzhong-2021-02": FIXTURES / "bulletins" / "jinzhong-2021-02.txt",
           "safety": FIXTURES / "bulletins" / "safety.txt"}


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def classified(taxonomy):
    registry = load_registry(REPO / "bulletins" / "units.yaml")
    out = {}
    for key, path in SOURCES.items():
        parsed = parse_file(path, registry)
        archive = link_archive([parsed])
        classify_archive(archive, taxonomy)
        out[key] = Classified(parsed, archive)
    return out


class Classified:
    """An issue with its linked pages' topics (topics live on the pages, not in the parsed documents)."""

    def __init__(self, parsed: ParsedIssue, archive: Archive):
        self.parsed, self.archive = parsed, archive
        self.documents, self.lines = parsed.documents, parsed.lines

    def topics(self, text: Document | EmbeddedDocument) -> list:
        page = self.archive.embedded_page(text) if isinstance(text, EmbeddedDocument) else self.archive.notice_page(text)
        return page.topics


def judge(judged: dict, assigned: list) -> dict[str, bool]:
    """Agreement of one document: primary theme, sub-theme, and the whole set of themes."""
    names = [a.topic for a in assigned]
    if judged.get("none"):
        return {"primary": not assigned, "sub": True, "set": not assigned}
    required, accepted = judged["topics"], set(judged["topics"]) | set(judged.get("also", []))
    primary = bool(assigned) and names[0] == required[0]
    sub = "sub" not in judged or (primary and assigned[0].subtopic == judged["sub"])
    return {"primary": primary, "sub": sub, "set": set(required) <= set(names) and set(names) <= accepted}


def agreement(classified) -> tuple[dict[str, int], int, list[str]]:
    totals = {"primary": 0, "sub": 0, "set": 0}
    failures: list[str] = []
    count = 0
    for key, table in JUDGED.items():
        issue = classified[key]
        documents = {d.doc_number: d for d in issue.documents}
        assert set(table) == set(documents), f"{key}: the table must judge every document"
        for number, judged in table.items():
            count += 1
            result = judge(judged, issue.topics(documents[number]))
            for k, ok in result.items():
                totals[k] += ok
            if not all(result.values()):
                got = [(a.topic, a.subtopic, a.score) for a in issue.topics(documents[number])]
                failures.append(f"{key} {number}: judged {judged}, got {got}")
    return totals, count, failures


def test_judged_table_agrees(classified, capsys):
    totals, count, failures = agreement(classified)
    with capsys.disabled():
        print(f"\ntopics agreement on {count} documents: primary {totals['primary']}/{count}, "
              f"sub-theme {totals['sub']}/{count}, whole set {totals['set']}/{count}")
    assert count == 26 + 6 + 6 + 4 + 4 + 1
    assert not failures, "\n".join(failures)


def test_every_seed_page_has_a_topic_with_evidence(classified):
    seed = classified["2020-04"]
    pages = [(d.title, seed.topics(d)) for d in seed.documents] + [(e.title, seed.topics(e)) for d in seed.documents for e in d.embedded]
    assert len(pages) == 26 + 29
    for title, topics in pages:
        assert len(topics) in (1, 2, 3), title  # one to three topics per page
        for assignment in topics:
            assert assignment.evidence and assignment.score == pytest.approx(sum(e.weight for e in assignment.evidence), abs=0.05)
            assert all(e.line and e.line > 0 for e in assignment.evidence if e.place != "units")


def test_embedded_regulations_share_their_notice_theme(classified):
    """A regulation or plan is about what its notice issues it for (judged: same primary theme)."""
    mismatched = [(e.title, p.topics(e)[0].topic, p.topics(d)[0].topic) for p in classified.values() for d in p.documents
                  for e in d.embedded if p.topics(e) and p.topics(d) and p.topics(e)[0].topic != p.topics(d)[0].topic]
    assert not mismatched


def test_evidence_names_what_the_text_says(classified):
    """Elderly care: the title word, the purpose clause and the civil-affairs bureau's tasks."""
    seed = classified["2020-04"]
    plan = next(d for d in seed.documents if d.doc_number == "阳政办发〔2020〕83号").embedded[0]
    first = seed.topics(plan)[0]
    assert (first.topic, first.subtopic) == ("民政、扶贫、救灾", "社会福利")
    places = {e.place for e in first.evidence}
    assert {"title", "purpose", "body", "units"} <= places
    title_words = [e.term for e in first.evidence if e.place == "title"]
    assert title_words == ["养老服务"]  # leftmost-longest: not also 养老
    unit = next(e for e in first.evidence if e.place == "units")
    assert unit.term == "市民政局" and unit.anchor and unit.count > 0
    purpose = next(e for e in first.evidence if e.place == "purpose")
    line = seed.lines[purpose.line - 1]
    assert "制定本实施方案" in line and purpose.term in line
    assert tag_names(seed.topics(plan))[:2] == ["民政、扶贫、救灾", "社会福利"]


def test_purpose_clause_is_the_why_sentence():
    items = [Passage("第一条 为规范行政规范性文件的制定，加强监督管理，结合本市实际，制定本办法。其他。", 7, "art-1")]
    assert purpose_clause(items).text == "第一条 为规范行政规范性文件的制定，加强监督管理，结合本市实际，制定本办法。"
    assert purpose_clause([Passage("各县（区）人民政府：", 1), Passage("经研究，决定成立领导小组。", 2)]) is None


def test_no_evidence_no_topic(taxonomy):
    text = ClassifiableText("测试办法", 1, None, [Passage("本办法自公布之日起施行。", 2)])
    assert classify_text(text, taxonomy) == []


def test_body_alone_cannot_assign_a_theme(taxonomy):
    """Length is not evidence: 100 mentions of 养老 in the body weigh at most body_cap."""
    text = ClassifiableText("关于做好有关工作的通知", 1, None, [Passage("养老" * 100, 2)])
    assert classify_text(text, taxonomy) == []


def test_taxonomy_has_the_22_themes_and_known_units(taxonomy):
    assert len(taxonomy.topics) == 22
    assert taxonomy.topics[0].name == "国务院组织机构" and taxonomy.topics[-1].name == "其他"
    local = load_registry(REPO / "bulletins" / "units.yaml")  # the unit names a site's list uses
    for topic in taxonomy.topics:
        for unit in topic.unit_owners():
            assert unit in local.units, unit


def test_bad_taxonomy_is_one_clear_error(tmp_path):
    data = yaml.safe_load(DEFAULT_TOPICS.read_text(encoding="utf-8"))
    data["topics"][1]["subtopics"][0]["name"] = "<script>"
    bad = tmp_path / "topics.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_taxonomy(bad)
    assert str(error.value).startswith(f"{bad}: ") and "<script>" in str(error.value)
    bad.write_text("topics: [", encoding="utf-8")
    with pytest.raises(InputError):
        load_taxonomy(bad)


def test_classifying_leaves_the_parsed_documents_as_parsed(registry, taxonomy):
    """Topics are set on the pages: the parsed model is the same before and after (call order cannot matter)."""
    import pickle

    parsed = parse_file(SOURCES["2020-04"], registry)
    before = pickle.dumps(parsed)
    archive = link_archive([parsed])
    classify_archive(archive, taxonomy)
    assert pickle.dumps(parsed) == before and all(page.topics for page in archive.pages.values())


def test_assignments_are_plain_data(classified):
    seed = classified["2020-04"]
    first = seed.topics(seed.documents[0])[0]
    assert dataclasses.asdict(first)["evidence"][0]["place"] in {"title", "purpose", "body", "units"}
