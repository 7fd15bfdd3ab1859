"""Stage 4: the linked archive -> Markdown pages (YAML front-matter + escaped text).

Source text is data, never markup: paragraphs are written as HTML blocks with every
character escaped, headings as Markdown headings with every Markdown character escaped.
"""
