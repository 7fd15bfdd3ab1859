"""Classify stage: linked pages -> 主题分类 topics with their evidence (after link, before render).

Topics are set on the archive's pages (PageRef.topics), never written into the parsed documents.
"""

from gazette.classify.taxonomy import Taxonomy, load_taxonomy
from gazette.classify.topics import classify_archive, document_topics

__all__ = ["Taxonomy", "classify_archive", "document_topics", "load_taxonomy"]
