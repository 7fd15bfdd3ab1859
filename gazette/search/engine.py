"""Search a built site's index from Python (the CLI, tests, benchmarks).

Same files, same query semantics (query.py) and same lunr scoring as the browser: the
browser loads the same term files with lunr.js and re-ranks with the same formula.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lunr.index import Index
from lunr.query import Query

import gazette.search.pipeline  # noqa: F401  (registers gazette-normalise for Index.load)
from gazette.search.files import PackLayout, PackPlaces, RefKey, chunk_of, parse_ref, read_script
from gazette.search.query import (
    Analysis,
    analyse,
    answer_share,
    bigrams,
    covered_share,
    focus_share,
    has_quantity,
    in_range,
    leads,
    phrase_coverage,
    squash_text,
    whole_phrase,
)
from gazette.search.settings import SETTINGS
from gazette.search.tokenize import normalise
from gazette.text.docnumber import DocNumber


@dataclass
class Result:
    url: str  # site-relative, with the anchor
    title: str
    doc_number: str | None
    text: str  # the whole text of the matched record
    snippet: str
    label: str
    score: float
    page: dict[str, Any]


class SiteVocabulary:
    """The archive's terms with their document frequencies (meta.js "vocab")."""

    def __init__(self, terms: dict[str, int]):
        self.terms = terms
        self._by_char: dict[str, dict[str, int]] = {}

    def df(self, term: str) -> int:
        return self.terms.get(term, 0)

    def starting_with(self, char: str) -> dict[str, int]:
        if not self._by_char:
            for term, n in self.terms.items():
                self._by_char.setdefault(term[0], {})[term] = n
        return self._by_char.get(char, {})


class SearchIndex:
    def __init__(self, site: Path):
        self.site = Path(site)
        self._files: dict[str, Any] = {}
        self._lunr: dict[int, list[Index | None]] = {}
        self.meta = self.load("meta")
        # The settings the site was built with (an older index without them: this code's own).
        self.settings: dict[str, Any] = self.meta.get("settings") or SETTINGS
        self.vocabulary = SiteVocabulary(self.meta["vocab"])
        self.doc_numbers = [(DocNumber(prefix, year, number), ref)
                            for _, ref, prefix, year, number in self.meta["doc_numbers"]]
        self.prefixes = frozenset(number.prefix for number, _ in self.doc_numbers)
        self.places = PackPlaces(self.meta["clusters"], PackLayout(*self.meta["pack_layout"]))

    def load(self, name: str) -> Any:
        if name not in self._files:
            self._files[name] = read_script(self.site, name)
        return self._files[name]

    def page(self, ref: str) -> dict[str, Any]:
        """The facts of the page of a record (from the pack its ref names), with its status."""
        key = parse_ref(ref)
        data = self.load(self.places.pack_of(key))["pages"][key.page_id]
        data.setdefault("status", self.meta["status"].get(key.page_id, self.meta["status_default"]))
        return data

    def record(self, ref: str) -> list[Any]:
        """[anchor, label, text, prior] of a record."""
        return self.load(self.places.pack_of(parse_ref(ref)))["records"][ref]

    def term_file(self, k: int) -> list[Index | None]:
        """Term file k: one lunr index per segment (None where the segment has none of its terms)."""
        if k not in self._lunr:
            self._lunr[k] = [Index.load(data) if data else None for data in self.load(f"i/{k}")]
        return self._lunr[k]

    def analyse(self, query: str) -> Analysis:
        return analyse(query, self.vocabulary, self.meta["synonyms"], self.meta["unit_aliases"],
                       frozenset(self.meta["people"]), self.meta["records"], self.settings, self.prefixes)

    def lunr_scores(self, terms: dict[str, float]) -> tuple[dict[str, float], dict[str, set[str]]]:
        """Raw dot products per record over all segments and term files (undoing lunr's per-query
        normalisation: each index's score times the norm of the query terms it holds)."""
        raw: dict[str, float] = {}
        matched: dict[str, set[str]] = {}
        by_file: dict[int, list[str]] = {}
        for term in sorted(terms):
            by_file.setdefault(chunk_of(self.meta["chunks"], term), []).append(term)
        for k in sorted(by_file):
            for index in self.term_file(k):
                if index is not None:
                    self._score_file(index, by_file[k], terms, raw, matched)
        return raw, matched

    @staticmethod
    def _score_file(index: Index, file_terms: list[str], terms: dict[str, float], raw: dict[str, float],
                     matched: dict[str, set[str]]) -> None:
        present = [t for t in file_terms if t in index.inverted_index]
        if not present:
            return
        query = index.create_query()
        for term in present:
            query.term(term, boost=terms[term], use_pipeline=False, wildcard=Query.WILDCARD_NONE)
        norm = math.sqrt(sum(terms[t] * terms[t] for t in present))
        for hit in index.query(query):
            raw[hit["ref"]] = raw.get(hit["ref"], 0.0) + hit["score"] * norm
            matched.setdefault(hit["ref"], set()).update(hit["match_data"].metadata)

    def doc_number_pages(self, analysis: Analysis) -> dict[str, float]:
        """The bonus of each page whose 文号 the query names, by the ref of the page's first record."""
        bonus: dict[str, float] = {}
        for wanted in analysis.doc_numbers:
            for number, page in self.doc_numbers:
                if not wanted.matches(number):
                    continue
                exact = wanted.prefix == number.prefix and wanted.year == number.year
                value = self.settings["doc_number_bonus"]["exact" if exact else "partial"]
                bonus[page] = max(bonus.get(page, 0.0), value)
        return bonus

    def search(self, query: str, k: int = 10, filters: dict[str, Any] | None = None) -> list[Result]:
        """The top k results. ``filters`` maps a filter field of settings.json to a value (equals)
        or to a (from, to) pair of ISO dates, either end None (range)."""
        settings = self.settings
        analysis = self.analyse(query)
        raw, matched = self.lunr_scores(analysis.terms)
        bonus = self.doc_number_pages(analysis)
        ranked = sorted(raw.items(), key=lambda item: (-round(item[1], 9), parse_ref(item[0])))
        candidates = {ref for ref, _ in ranked[:settings["rerank_depth"]]} | set(bonus)
        # Every record of a named article is a candidate, however weak its other words.
        candidates |= {ref for ref, terms in matched.items() if any(label in terms for label in analysis.articles)}
        # A page whose head (title) ranks: each of its records that matches a query word is a candidate, so
        # the words beyond the title choose the clause (the title picks the page).
        heads = {page_key(ref) for ref, _ in ranked[:settings["rerank_depth"]] if parse_ref(ref).record == 0}
        candidates |= {ref for ref in matched if page_key(ref) in heads}
        best = max((score for _, score in ranked), default=0.0) or 1.0
        weight = term_weights(analysis, self.vocabulary, self.meta["records"])
        total_weight = sum(weight[t] for t in sorted(weight)) or 1.0
        scored: list[tuple[float, RefKey, str]] = []
        clauses: dict[str, list[tuple[float, set[str]]]] = {}  # document -> (score, own words) of its anchored records
        for ref in sorted(candidates, key=parse_ref):
            page = self.page(ref)
            if not passes(page, filters, settings):
                continue
            record = self.record(ref)
            title = squash_text(page["title"])
            # The title's words count for every record of the page: the rest of the query picks among them.
            inherited = title_terms(analysis, title)
            hit = matched.get(ref, set()) | inherited
            score = final_score(analysis, raw.get(ref, 0.0) / best,
                                sum(weight.get(t, 0.0) for t in sorted(hit)) / total_weight,
                                squash_text(record[2]), title, record[1],
                                bonus.get(ref, 0.0), settings, bool(inherited),
                                bool(analysis.units) and leads(normalise(record[2]), analysis.units,
                                                               settings["lead_forms"]),
                                normalise(record[2]) if analysis.figures else "") * record[3]
            key = parse_ref(ref)
            scored.append((score, key, ref))
            if record[0]:
                words = {t for t in matched.get(ref, ()) if len(t) > 1 and t in analysis.own}
                clauses.setdefault(document_key(page), []).append((score, words))
        scored = [(below_clause(score, self.page(ref), clauses, self.record(ref)[0], bonus.get(ref, 0.0)), key, ref)
                  for score, key, ref in scored]
        scored.sort(key=lambda item: (-round(item[0], 9), item[1]))
        return [self._result(ref, score, analysis) for score, _, ref in scored[:k]]

    def answers(self, query: str, results: list[Result]) -> bool:
        """Does the first result answer the query directly? (search.js answers() is the same.) A query
        naming a 文号 always does; otherwise the first result must account for enough of its words."""
        if not results:
            return False
        analysis = self.analyse(query)
        if analysis.doc_numbers:
            return True
        text = squash_text(results[0].text) + squash_text(results[0].title)
        tables = [self.meta["synonyms"], self.meta["unit_aliases"]]
        return covered_share(analysis, text, tables) >= self.settings["no_answer_below"]

    def _result(self, ref: str, score: float, analysis: Analysis) -> Result:
        page = self.page(ref)
        anchor, label, text, _ = self.record(ref)
        url = page["url"] + (f"#{anchor}" if anchor else "")
        return Result(url, page["title"], page["doc_number"], text, snippet(text, analysis), label, score, page)


def page_key(ref: str) -> tuple[int, int]:
    key = parse_ref(ref)
    return key.segment, key.page


def document_key(page: dict[str, Any]) -> str:
    """A notice and the regulations it publishes are one document: its 文号 in its issue (else its URL)."""
    return f"{page['issue']} {page['doc_number']}" if page["doc_number"] else page["url"]


def title_terms(analysis: Analysis, title_text: str) -> set[str]:
    """The query's terms (two characters or more) that the page title holds, when the query has words
    beyond the title (else the page itself is what it asks for: nothing is inherited)."""
    inside = {t for t in analysis.terms if len(t) > 1 and t in title_text}
    return inside if any(len(t) > 1 and t not in title_text for t in analysis.own) else set()


def below_clause(score: float, page: dict[str, Any], clauses: dict[str, list[tuple[float, set[str]]]],
                 anchor: str, doc_number_bonus: float) -> float:
    """A bare page (no anchor) never ranks above a clause of its document that matches query words beyond
    the page's title (unless the query names the page's 文号: then the page is the answer)."""
    if anchor or doc_number_bonus:
        return score
    title = squash_text(page["title"])
    beyond = [s for s, words in clauses.get(document_key(page), []) if any(w not in title for w in words)]
    return min(score, max(beyond) * PAGE_UNDER_CLAUSE) if beyond else score


PAGE_UNDER_CLAUSE = 0.999


def term_weights(analysis: Analysis, vocabulary: SiteVocabulary, records: int) -> dict[str, float]:
    """boost × idf: covering the rare terms of a query (a name, a specific word) matters most."""
    return {t: b * math.log(1.0 + records / max(1, vocabulary.df(t))) for t, b in analysis.terms.items()}


def passes(page: dict[str, Any], filters: dict[str, Any] | None, settings: dict[str, Any]) -> bool:
    """Does the page pass every filter set? (search.js passes() is the same.)"""
    for spec in settings["filters"]:
        wanted = (filters or {}).get(spec["field"])
        if not wanted or (spec["kind"] == "range" and not any(wanted)):
            continue
        value = page.get(spec["field"])
        if spec["kind"] == "range":
            low, high = wanted
            if not value or (low and value < low) or (high and value > high):
                return False
        elif spec["kind"] == "contains":  # a page of several topics passes the filter of each
            if wanted not in (value or []):
                return False
        elif value != wanted:
            return False
    return True


def final_score(analysis: Analysis, lunr: float, coverage: float, record_text: str, title_text: str,
                label: str, doc_number_bonus: float, settings: dict[str, Any] | None = None,
                inherit: bool = False, lead: bool = False, flat: str = "") -> float:
    """The re-ranking formula (search.js finalScore() is the same, term by term). ``flat``: the record's
    normalised text with its punctuation (ranges: 2001年—2008年), when the query gives a figure."""
    settings = settings or SETTINGS
    weights = settings["weights"]
    pairs = bigrams(analysis.segments)
    title = phrase_coverage(pairs, title_text)
    score = (weights["lunr"] * lunr + weights["coverage"] * coverage
             + weights["phrase"] * phrase_coverage(pairs, record_text, title_text if inherit else "")
             + weights["title"] * title
             + weights["whole"] * whole_phrase(analysis.segments, record_text)
             + doc_number_bonus)
    if label and label in analysis.articles:
        # The article named, in the regulation whose title the rest of the query names.
        score += weights["article"] + weights["article_title"] * title
    if analysis.units and any(name in record_text for name in analysis.units):
        score += weights["unit"] + (weights["unit_lead"] if lead else 0.0)  # the tasks it leads first
    if analysis.people and any(name in record_text for name in analysis.people):
        score += weights["person"]  # the person named, not only the group or task the other words name
    if analysis.defines and any(f"{term}是指" in record_text for term in analysis.defines):
        score += weights["definition"]
    if analysis.quantities and has_quantity(record_text, analysis.quantities):
        score += weights["quantity"]
    score += weights["answer"] * answer_share(record_text, analysis.answers)
    score += weights["focus"] * focus_share(record_text, analysis.focus)
    if analysis.figures and in_range(flat, analysis.figures, settings["ranges"]):
        score += weights["in_range"]
    if analysis.quoted and any(squash_text(q) not in record_text for q in analysis.quoted):
        score *= settings["quote_penalty"]
    return score


def label_place(label: str, text: str) -> str:
    """The part of a result's label the snippet does not repeat: a label that runs into the text
    (三、（五） 推动养老服务业发展… over （五）推动养老服务业发展…) keeps only its place (三、). search.js labelPlace()."""
    bare, flat = "".join(label.split()), "".join(text.split())
    for cut in range(len(bare)):
        if flat.startswith(bare[cut:]):
            kept = 0
            for at, ch in enumerate(label):  # back from whitespace-free to the label as written
                if kept == cut:
                    return label[:at].strip()
                kept += not ch.isspace()
    return label


def snippet(text: str, analysis: Analysis, width: int = 90) -> str:
    """About `width` characters around the first occurrence of the longest word to highlight."""
    flat = " ".join(text.split())
    lowered = normalise(flat)
    at = -1
    for term in analysis.highlight or sorted(analysis.terms, key=lambda t: (-len(t), t)):
        at = lowered.find(term)
        if at >= 0:
            break
    if at < 0 or len(flat) <= width:
        return flat[:width] + ("…" if len(flat) > width else "")
    # normalise() removes spaces, so map the position back roughly by ratio.
    centre = int(at * len(flat) / max(1, len(lowered)))
    start = max(0, centre - width // 3)
    return ("…" if start else "") + flat[start:start + width] + ("…" if start + width < len(flat) else "")
