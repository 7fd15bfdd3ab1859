"""The one command: parse every issue, link, write pages, build the site and the search index."""
