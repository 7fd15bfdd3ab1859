"""Rebuild only the search index of a built site: `python build_index.py [--root .] [--site site]` (= `gazette index`)."""
import sys

from gazette.cli import main

raise SystemExit(main(["index", *sys.argv[1:]]))
