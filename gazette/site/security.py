"""What keeps bulletin text from running as code in the built site.

Two layers. (1) Every bulletin-derived value that reaches a theme template (page titles, the
site name, navigation titles) is handed to Jinja already HTML-escaped, as `Markup`, so a
template that prints it raw shows it literally and one that escapes it (`| e`) does not escape
it twice. (2) Every page carries a Content-Security-Policy: scripts only from the site's own
files plus the exact inline scripts the build emitted (by their SHA-256), so anything a later
change lets through stays inert.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from markupsafe import Markup, escape

# Inline <script> elements that run (no src, and a JavaScript type or none). JSON data blocks
# (type="application/json") never run and need no hash.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
CSP_MARKER = 'http-equiv="Content-Security-Policy"'

# Everything but scripts is the site's own too. Styles may be inline (Material and our tables
# set style attributes); they cannot run code. connect-src covers the search shards (fetch).
_POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
           "base-uri 'self'; form-action 'self'")


def safe_text(value: Any) -> Markup:
    """A bulletin-derived value as HTML-safe text (idempotent: escaping twice is escaping once)."""
    return escape(value if isinstance(value, str) else str(value))


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-…') of the inline scripts that run, in page order."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _RUNNABLE_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(html: str) -> str:
    hashes = inline_script_hashes(html)
    return _POLICY.format(hashes="".join(" " + h for h in hashes))


def with_csp(html: str) -> str:
    """The page with its Content-Security-Policy at the top of <head>, after the charset and before
    any script, so it governs them all. Pages without <head> (fragments) are returned as they are.

    Nothing in the page can switch this off: the policy is skipped only when exactly this policy
    already stands at exactly this place (a page reused from the page cache). Any other CSP text in
    the page changes nothing (a second policy could only narrow what runs, never widen it)."""
    head = _HEAD.search(html)
    if head is None:
        return html
    charset = _CHARSET.search(html, head.end())
    at = charset.end() if charset and not html[head.end():charset.start()].strip() else head.end()
    inserted = "\n      " + f'<meta {CSP_MARKER} content="{policy_for(html)}">'
    if html.startswith(inserted, at):
        return html
    return html[:at] + inserted + html[at:]
