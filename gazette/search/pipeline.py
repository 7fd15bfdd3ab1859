"""The lunr pipeline function the index names, registered under the same label as in search.js.

lunr.Index.load refuses an index whose pipeline lists a function it does not know, so both
lunr.py (here) and lunr.js (assets/search.js) register `gazette-normalise`. Queries pass
`usePipeline: false` (terms are already normalised); the function still normalises input for
anyone who calls idx.search() directly.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from lunr.pipeline import Pipeline

PIPELINE_LABEL = "gazette-normalise"


def gazette_normalise(token: Any, i: int, tokens: list[Any]) -> Any:
    """NFKC + lower case; drops tokens that become blank."""
    text = unicodedata.normalize("NFKC", str(token)).lower()
    if not text.strip():
        return None
    token.string = text
    return token


Pipeline.register_function(gazette_normalise, PIPELINE_LABEL)
