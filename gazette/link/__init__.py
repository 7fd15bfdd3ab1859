"""Stage 3: documents of all issues -> pages with ids, resolved citations, repeals, statuses."""

from gazette.link.archive import Archive, PageRef, link_archive

__all__ = ["Archive", "PageRef", "link_archive"]
