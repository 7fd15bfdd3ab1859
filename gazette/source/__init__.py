"""Stage 1: bytes on disk -> numbered, decoded lines, with errata applied."""

from gazette.source.reader import SourceText, read_source

__all__ = ["SourceText", "read_source"]
