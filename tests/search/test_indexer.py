"""Term files keep scores exact, every term file is a loadable lunr index, and packs hold every record once."""

import json
import math

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query

from gazette.search.files import (
    PackLayout,
    PackPlaces,
    RefKey,
    chunk_of,
    parse_ref,
    read_script,
    ref_text,
    separator,
    utf16_key,
)
from gazette.search.indexer import (
    PretokenizedBuilder,
    Segment,
    chunk_json,
    cluster_numbers,
    cut_chunks,
    term_entries,
    write_packs,
)
from gazette.search.records import Record, SearchPage

DOCS = ["决策 草案 材料 提前 代表", "材料 代表 座谈会", "听证会 公开 举行", "座谈会 协商会 材料 代表 提前",
        "养老 服务 养老服务", "公开 征求 意见 期限", "协商 协商会 𠀋 \ue000"]
HEAD = {"version": "2.3.9", "fields": ["h", "b"], "pipeline": []}


def _index(builder=None):
    builder = builder or Builder()
    builder.ref("id")
    builder.field("h", boost=2)
    builder.field("b")
    for i, text in enumerate(DOCS):
        if isinstance(builder, PretokenizedBuilder):
            builder.add_terms(f"{i:x}.0", {"h": text.split()[:1], "b": text.split()})
        else:
            builder.add({"id": f"{i:x}.0", "h": text.split()[0], "b": text})
    return builder.build()


def _scores(index, terms):
    query = index.create_query()
    for t in terms:
        query.term(t, boost=terms[t], use_pipeline=False, wildcard=Query.WILDCARD_NONE)
    return {hit["ref"]: hit["score"] for hit in index.query(query)}


def test_the_pretokenized_builder_builds_lunr_s_own_index():
    assert _index(PretokenizedBuilder()).serialize() == _index().serialize()


def test_term_file_scores_merge_to_the_full_index():
    """Whatever the cut, scores per term file times the norm of its query terms add up to the full index's."""
    full = _index()
    entries = term_entries(full.serialize())
    terms = {"材料": 1.0, "代表": 1.4, "座谈会": 1.8, "公开": 1.0, "养老服务": 1.8, "协商会": 1.2}
    expected = _scores(full, terms)
    norm = math.sqrt(sum(b * b for b in terms.values()))
    for chunk_bytes in (1, 120, 400, 10_000):
        chunks = cut_chunks({t: e.size for t, e in entries.items()}, chunk_bytes)
        separators = [""] + [separator(chunks[k - 1][-1], chunks[k][0]) for k in range(1, len(chunks))]
        merged: dict[str, float] = {}
        for k, chunk in enumerate(chunks):
            assert all(chunk_of(separators, t) == k for t in chunk)
            part = Index.load(json.loads(chunk_json(HEAD, chunk, entries)))
            present = {t: b for t, b in terms.items() if t in chunk}
            if not present:
                continue
            part_norm = math.sqrt(sum(b * b for b in present.values()))
            for ref, score in _scores(part, present).items():
                merged[ref] = merged.get(ref, 0.0) + score * part_norm
        assert set(merged) == set(expected)
        for ref in expected:
            assert abs(merged[ref] / norm - expected[ref]) < 1e-9
    assert len(cut_chunks({t: e.size for t, e in entries.items()}, 1)) == len(entries)


def test_terms_sort_as_javascript_compares_strings():
    """An astral character (UTF-16 surrogates) sorts before U+E000 in JavaScript, after it in Python."""
    assert sorted(["\ue000", "𠀋"], key=utf16_key) == ["𠀋", "\ue000"]
    chunks = cut_chunks({"\ue000": 10, "𠀋": 10, "协商": 10}, 10)
    assert [c[0] for c in chunks] == ["协商", "𠀋", "\ue000"]
    separators = [""] + [separator(chunks[k - 1][-1], chunks[k][0]) for k in range(1, len(chunks))]
    assert [chunk_of(separators, t) for t in ("协商", "𠀋", "\ue000")] == [0, 1, 2]


def test_a_term_family_shares_its_file():
    """协商 and 协商会 (a query naming one names the other) stay together past the size; 协调 does not."""
    assert cut_chunks({"协商": 10, "协商会": 10, "协商会议": 10, "协调": 10}, 10) == [["协商", "协商会", "协商会议"], ["协调"]]
    assert len(cut_chunks({f"协商{n}": 10 for n in range(10)}, 10)) == 3  # up to FAMILY_CHUNKS (4) sizes per file


def test_separators_are_the_shortest_prefix_after_the_previous_term():
    assert separator("协商会", "座谈会") == "座"
    assert separator("协商", "协商会") == "协商会"
    assert separator("公开", "公示") == "公示"
    separators = ["", "协", "座"]
    assert [chunk_of(separators, t) for t in ("代表", "协商", "协商会", "啊", "座谈会")] == [0, 1, 1, 1, 2]


def test_site_term_files_load_and_list_the_pipeline_function(seed_site):
    meta = read_script(seed_site.site, "meta")
    assert len(meta["segments"]) == 1
    files = len(meta["chunks"])
    loaded, terms = 0, 0
    for k in range(files):
        parts = read_script(seed_site.site, f"i/{k}")
        assert len(parts) == 1  # one index per segment
        data = parts[0]
        assert data["pipeline"] == ["gazette-normalise"] and data["version"] == "2.3.9"
        index = Index.load(data)
        loaded += 1
        for term in index.inverted_index:
            assert chunk_of(meta["chunks"], term) == k
            terms += 1
    assert terms == len(meta["vocab"]) > 5_000
    assert 50 < loaded == files < 200  # one issue: about 110 files of about 16 KB, prefetched whole
    assert meta["index_bytes"] == sum(len((seed_site.site / "search" / "i" / f"{k}.js").read_bytes())
                                      for k in range(files))


def test_record_packs_hold_every_record_once(seed_site):
    """Each record sits in exactly one pack, the one meta's clusters name for it; a small archive has
    few packs, all listed for the prefetch."""
    meta = read_script(seed_site.site, "meta")
    places = PackPlaces(meta["clusters"], PackLayout(*meta["pack_layout"]))
    names = meta["packs"]
    assert meta["prefetch"] is True and sorted(p.stem for p in (seed_site.site / "search" / "p").glob("*.js")) == names
    seen: set[str] = set()
    for name in names:
        data = read_script(seed_site.site, f"p/{name}")
        assert not seen & data["records"].keys()
        seen |= data["records"].keys()
        for ref in data["records"]:
            assert places.pack_of(parse_ref(ref)) == f"p/{name}"
            assert ref.rsplit(".", 1)[0].replace(".", "-") in data["pages"]
    assert len(seen) == meta["records"] and 3 < len(names) < len(meta["clusters"][0]) // 4
    for _, ref, *_ in meta["doc_numbers"]:
        key = parse_ref(ref)
        assert key.record == 0 and ref in read_script(seed_site.site, places.pack_of(key))["records"]


def _page(title: str, issue: str, texts: list[str]) -> SearchPage:
    return SearchPage(path=f"{issue}/{title}/", title=title, doc_number=None, kind="notice", issuer=None, date=None,
                      category=None, issue=issue, issue_label=issue, notice_title=None, status="现行有效",
                      records=[Record(f"art-{n}", f"第{n}条", "", text) for n, text in enumerate(texts, 1)])


def test_a_recurring_document_packs_each_clause_with_its_other_versions(tmp_path):
    """The same clause of a document that recurs across issues and segments (one title, its year aside)
    lands in one pack, up to `versions` versions; another document has packs of its own; every record
    is packed once and a new issue leaves the earlier clusters' numbers as they were."""
    clauses = ["甲" * 300, "乙" * 300, "丙" * 300]
    first = [_page("2020年办法", "2020-04", clauses), _page("通知", "2020-04", ["丁" * 300])]
    later = [_page(f"{year}年办法", f"{year}-01", clauses) for year in (2021, 2022, 2023)]
    segments = [Segment(0, first, set(), ["2020-04"]), Segment(1, later, set(), ["2021-01", "2022-01", "2023-01"])]
    clusters = cluster_numbers(segments)
    assert clusters == [[0, 1], [0, 0, 0]]
    assert cluster_numbers(segments[:1]) == clusters[:1]
    places = PackPlaces(clusters, PackLayout(clusters=1, versions=3, records=2))
    names = write_packs(tmp_path, segments, places)
    packed = {ref: name for name in names for ref in read_script(tmp_path, name)["records"]}
    assert sorted(packed) == sorted(ref_text(RefKey(s, p, r)) for s, seg in enumerate(segments)
                                    for p, page in enumerate(seg.pages) for r in range(len(page.records)))
    for record in range(2):  # three versions of a clause share a pack; the fourth begins the next
        assert len({packed[ref_text(RefKey(0, 0, record))], packed[ref_text(RefKey(1, 0, record))],
                    packed[ref_text(RefKey(1, 1, record))]}) == 1
        assert packed[ref_text(RefKey(1, 2, record))] != packed[ref_text(RefKey(0, 0, record))]
    assert packed[ref_text(RefKey(0, 0, 0))] != packed[ref_text(RefKey(0, 0, 2))]  # records 0-1, then 2
    assert packed[ref_text(RefKey(0, 1, 0))] not in {packed[ref_text(RefKey(0, 0, r))] for r in range(3)}
