"""Gazette: turn the plain text of a municipal government bulletin (政府公报) into a
structured knowledge base, a static site and a Chinese full-text search index.

The pipeline runs one way, one package per stage:

    source/   bytes -> decoded, numbered lines (+ errata)
    parse/    lines -> issue, documents, structure, tasks, people, report
    link/     documents of all issues -> citations resolved, repeals, statuses
    render/   linked archive -> Markdown pages with YAML front-matter
    site/     Markdown pages -> mkdocs-material site (atomic, cached)
    search/   pages -> jieba-segmented, sharded lunr index + query engine
    build/    the one command that runs all of it, incrementally, with a report
"""

__version__ = "0.1.0"
