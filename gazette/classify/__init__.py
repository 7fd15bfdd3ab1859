"""Classify stage: parsed documents -> 主题分类 topics with their evidence (after parse, before link)."""

from gazette.classify.taxonomy import Taxonomy, load_taxonomy
from gazette.classify.topics import classify_issue, page_topics

__all__ = ["Taxonomy", "classify_issue", "load_taxonomy", "page_topics"]
