"""Sharding a lunr index keeps scores exact, and every shard is a loadable lunr index."""

import json
import math

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query

from gazette.search.files import INDEX_SHARDS, PACK_BYTES, pack_of, read_script, shard_of
from gazette.search.indexer import _join_pieces, split_index


def _index():
    builder = Builder()
    builder.ref("id")
    builder.field("h", boost=2)
    builder.field("b")
    docs = ["决策 草案 材料 提前 代表", "材料 代表 座谈会", "听证会 公开 举行", "座谈会 协商会 材料 代表 提前",
            "养老 服务 养老服务", "公开 征求 意见 期限"]
    for i, text in enumerate(docs):
        builder.add({"id": f"{i:x}.0", "h": text.split()[0], "b": text})
    return builder.build()


def _scores(index, terms):
    query = index.create_query()
    for t in terms:
        query.term(t, boost=terms[t], use_pipeline=False, wildcard=Query.WILDCARD_NONE)
    return {hit["ref"]: hit["score"] for hit in index.query(query)}


def test_merged_shard_scores_equal_the_full_index():
    full = _index()
    serialized = full.serialize()
    terms = {"材料": 1.0, "代表": 1.4, "座谈会": 1.8, "公开": 1.0, "养老服务": 1.8}
    expected = _scores(full, terms)
    norm = math.sqrt(sum(b * b for b in terms.values()))
    for shards in (2, 3, 5):
        merged: dict[str, float] = {}
        for k, data in enumerate(split_index(serialized, shards)):
            part = Index.load(data)
            present = {t: b for t, b in terms.items() if shard_of(t, shards) == k and t in part.inverted_index}
            if not present:
                continue
            part_norm = math.sqrt(sum(b * b for b in present.values()))
            for ref, score in _scores(part, present).items():
                merged[ref] = merged.get(ref, 0.0) + score * part_norm
        assert set(merged) == set(expected)
        for ref in expected:
            assert abs(merged[ref] / norm - expected[ref]) < 1e-9


def test_site_shards_load_and_list_the_pipeline_function(seed_site):
    meta = read_script(seed_site.site, "meta")
    assert len(meta["segments"]) == 1
    loaded = 0
    for k in range(meta["index_shards"]):
        pieces = read_script(seed_site.site, f"i/{k}")
        assert len(pieces) == 1  # one piece per segment
        for data in pieces:
            if data is not None:
                assert data["pipeline"] == ["gazette-normalise"] and data["version"] == "2.3.9"
                Index.load(data)
                loaded += 1
    # One issue is small: its 2,048 pieces are joined into fewer shards (a power of two), none empty.
    assert meta["index_shards"] < INDEX_SHARDS and INDEX_SHARDS % meta["index_shards"] == 0
    assert loaded == meta["index_shards"] > 16
    assert meta["index_bytes"] == sum(len((seed_site.site / "search" / "i" / f"{k}.js").read_bytes())
                                      for k in range(meta["index_shards"]))


def test_joined_pieces_are_the_shards_of_a_coarser_cut():
    """Joining pieces k, k+4 of an 8-way cut gives the index of shard k of a 4-way cut: same terms,
    same vectors, same scores."""
    serialized = _index().serialize()
    fine, coarse = split_index(serialized, 8), split_index(serialized, 4)
    terms = {"材料": 1.0, "代表": 1.4, "座谈会": 1.8, "公开": 1.0, "养老服务": 1.8, "提前": 1.0}
    for k in range(4):
        texts = [json.dumps(fine[j], ensure_ascii=False) for j in (k, k + 4) if fine[j]["invertedIndex"]]
        joined = json.loads(_join_pieces(texts))
        assert [row[0] for row in joined["invertedIndex"]] == [row[0] for row in coarse[k]["invertedIndex"]]
        assert {r: v for r, v in joined["fieldVectors"]} == {r: v for r, v in coarse[k]["fieldVectors"]}
        present = {t: b for t, b in terms.items() if shard_of(t, 4) == k}
        assert _scores(Index.load(joined), present) == _scores(Index.load(coarse[k]), present)


def test_record_packs_hold_every_record_once(seed_site):
    """Each record sits in exactly one pack, the one pack_of() names, and packs stay near PACK_BYTES."""
    meta = read_script(seed_site.site, "meta")
    starts = meta["segments"][0]["packs"]
    seen = 0
    for n, start in enumerate(starts):
        text = (seed_site.site / "search" / "p" / f"0-{n:x}.js").read_bytes()
        assert start[2] == len(text) and len(text) < 2 * PACK_BYTES
        for page, entry in read_script(seed_site.site, f"p/0-{n:x}")["pages"].items():
            for r in range(entry["first"], entry["first"] + len(entry["records"])):
                assert pack_of(starts, int(page, 16), r) == n
                seen += 1
    assert seen == meta["records"] and len(starts) > 3
    assert meta["prefetch"] is True  # one issue is small: search.js prefetches it whole
