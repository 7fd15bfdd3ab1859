"""Topics kept between builds (gazette.classify.topics.TopicCache): the same topics as classifying again,
classified again when the taxonomy changes, and only this build's texts kept."""

from __future__ import annotations

import dataclasses
import pickle

from gazette.classify import classify_archive, load_taxonomy, topics
from gazette.classify.topics import TopicCache
from gazette.link.archive import link_archive


def classify(seed, taxonomy, cache, monkeypatch):
    """The seed's pages' topics with `cache`, and how many texts were classified."""
    calls = []
    real = topics.classify_text
    monkeypatch.setattr(topics, "classify_text", lambda text, taxonomy: calls.append(1) or real(text, taxonomy))
    archive = link_archive([seed])
    classify_archive(archive, taxonomy, cache)
    return {path: page.topics for path, page in archive.pages.items()}, len(calls)


def test_cached_topics_are_the_topics(seed, tmp_path, monkeypatch):
    taxonomy = load_taxonomy()
    plain, classified = classify(seed, taxonomy, None, monkeypatch)
    first, _ = classify(seed, taxonomy, TopicCache(tmp_path / "topics.pickle"), monkeypatch)
    again, reclassified = classify(seed, taxonomy, TopicCache(tmp_path / "topics.pickle"), monkeypatch)
    assert first == again == plain and any(plain.values())
    assert classified == len(plain) and reclassified == 0
    heavier = dataclasses.replace(taxonomy, weights=dataclasses.replace(taxonomy.weights, title=taxonomy.weights.title + 1))
    _, after_change = classify(seed, heavier, TopicCache(tmp_path / "topics.pickle"), monkeypatch)
    assert after_change == len(plain)
    with (tmp_path / "topics.pickle").open("rb") as handle:
        assert len(pickle.load(handle)) <= len(plain)  # the old taxonomy's entries are gone


def test_a_broken_cache_file_is_classified_again(seed, tmp_path, monkeypatch):
    (tmp_path / "topics.pickle").write_bytes(b"not a pickle")
    result, classified = classify(seed, load_taxonomy(), TopicCache(tmp_path / "topics.pickle"), monkeypatch)
    assert classified == len(result)
