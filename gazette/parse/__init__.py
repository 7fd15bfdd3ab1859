"""Stage 2: decoded lines -> issue, documents, structure, tasks, people, citations, report."""

from gazette.parse.issue import parse_source

__all__ = ["parse_source"]
