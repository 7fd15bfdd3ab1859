"""Assign 主题分类 topics to every document and every regulation or plan it issues.

Transparent, weighted evidence (weights and words in gazette/data/topics.yaml):
  title    keywords in the title
  purpose  keywords in the purpose clause (为……，制定本…… / 根据……，制定本规定 / ……通知如下)
  body     keyword occurrences in the running text (capped, so length alone decides nothing)
  units    the share of the document's tasks led by units whose field is the theme
A theme is assigned when its evidence passes the thresholds; each assignment keeps the words,
units, lines and anchors that carried it. A text that names no theme gets none.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gazette.classify.taxonomy import Taxonomy, Topic
from gazette.fingerprint import cache_fingerprint
from gazette.link.archive import Archive
from gazette.model import (
    Body,
    Document,
    EmbeddedDocument,
    Paragraph,
    Table,
    Task,
    TopicAssignment,
    TopicEvidence,
)

# The purpose clause opens the text (为…… / 根据…… / 按照……) and says why the text is made.
_PURPOSE_OPEN = re.compile(r"^(?:第一条\s*)?(?:为了?|根据|依据|按照)")
_PURPOSE_CLOSE = re.compile(r"(?:制定|制订|编制)本|特制定|特制订|制定如下|制定以下|通知如下|意见如下|决定如下|决定[：:]")
_PURPOSE_SEARCH = 8  # paragraphs from the start of the text where a purpose clause may stand


@dataclass
class Passage:
    """A paragraph of text with its first source line and the page anchor of its clause."""

    text: str
    line: int
    anchor: str | None = None


@dataclass
class ClassifiableText:
    """What the rules read of one page: title, purpose clause, running text, tasks."""

    title: str
    title_line: int
    purpose: Passage | None
    passages: list[Passage] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    foreign_tasks: int = 0  # the last n tasks are on other pages (a notice's regulations): no anchor


def _block_text(block: Paragraph | Table) -> str:
    return block.text if isinstance(block, Paragraph) else "\t".join("\t".join(row) for row in block.rows)


def passages(body: Body) -> Iterator[Passage]:
    """Body paragraphs in order, each with the anchor of the unit (article, item …) holding it."""
    for block in body.blocks:
        yield Passage(_block_text(block), block.lines[0], block.anchor if isinstance(block, Paragraph) else None)
    for unit in body.walk_units():
        yield Passage(unit.heading.text, unit.heading.lines[0], unit.anchor or None)
        for block in unit.blocks:
            yield Passage(_block_text(block), block.lines[0], unit.anchor or None)


def purpose_clause(items: list[Passage]) -> Passage | None:
    """The first sentence that opens with 为/根据/依据/按照 and says 制定本…… (or 通知如下 …)."""
    for passage in items[:_PURPOSE_SEARCH]:
        text = passage.text.strip()
        if not _PURPOSE_OPEN.match(text):
            continue
        for sentence in re.findall(r"[^。]*。?", text):
            if _PURPOSE_CLOSE.search(sentence):
                return Passage(sentence.strip(), passage.line, passage.anchor)
    return None


def embedded_text(embedded: EmbeddedDocument) -> ClassifiableText:
    items = list(passages(embedded.body))
    for attachment in embedded.attachments:
        items += [Passage(p.text, p.line) for p in passages(attachment.body)]  # another clause's anchor
    return ClassifiableText(embedded.title, embedded.title_lines[0], purpose_clause(items), items, embedded.tasks)


def notice_text(document: Document) -> ClassifiableText:
    """A notice is about what it says and what it issues: its regulations' text counts for it too,
    without anchors (they are on the regulation's own page)."""
    items = list(passages(document.body))
    purpose = purpose_clause(items)
    for embedded in document.embedded:
        inner = embedded_text(embedded)
        if purpose is None and inner.purpose is not None:
            purpose = Passage(inner.purpose.text, inner.purpose.line)
        items += [Passage(p.text, p.line) for p in inner.passages]
    return ClassifiableText(document.title, document.title_lines[0] if document.title_lines else document.first_line,
                            purpose, items, document.all_tasks, len(document.all_tasks) - len(document.tasks))


@functools.lru_cache(maxsize=256)
def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """Leftmost-longest alternation: 养老服务 is found as itself, not also as 养老."""
    return re.compile("|".join(re.escape(k) for k in sorted(keywords, key=lambda k: (-len(k), k))))


def _distinct(pattern: re.Pattern[str], text: str) -> list[str]:
    found: list[str] = []
    for match in pattern.finditer(text):
        if match.group() not in found:
            found.append(match.group())
    return found


@dataclass
class Found:
    """Every keyword of the taxonomy found in a text, once (leftmost-longest across all themes, so
    卫生 inside 环境卫生 is not evidence for 卫生、体育)."""

    title: list[str]
    purpose: list[str]
    body: dict[str, tuple[int, int, str | None]]  # keyword -> (occurrences, first line, anchor)


def _find(text: ClassifiableText, taxonomy: Taxonomy) -> Found:
    pattern = _pattern(tuple(sorted({k for t in taxonomy.topics for k in t.keyword_owners()})))
    body: dict[str, tuple[int, int, str | None]] = {}
    for passage in text.passages:
        for match in pattern.finditer(passage.text):
            count, line, anchor = body.get(match.group(), (0, passage.line, passage.anchor))
            body[match.group()] = (count + 1, line, anchor)
    purpose = _distinct(pattern, text.purpose.text) if text.purpose is not None else []
    return Found(_distinct(pattern, text.title), purpose, body)


def _evidence(topic: Topic, text: ClassifiableText, found: Found, taxonomy: Taxonomy) -> list[TopicEvidence]:
    weights = taxonomy.weights
    owners = topic.keyword_owners()
    out: list[TopicEvidence] = []
    for word in (w for w in found.title if w in owners):
        out.append(TopicEvidence("title", word, weights.title, 1, text.title_line, None, owners[word]))
    if text.purpose is not None:
        for word in (w for w in found.purpose if w in owners):
            out.append(TopicEvidence("purpose", word, weights.purpose, 1, text.purpose.line, text.purpose.anchor,
                                     owners[word]))
    counts = {word: entry for word, entry in found.body.items() if word in owners}
    total = sum(c[0] for c in counts.values()) * weights.body
    scale = min(1.0, weights.body_cap / total) if total else 0.0
    for word, (count, line, anchor) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[1][1], kv[0])):
        out.append(TopicEvidence("body", word, round(count * weights.body * scale, 2), count, line, anchor,
                                 owners[word]))
    if text.tasks:
        unit_owners = topic.unit_owners()
        led: dict[str, list[Task]] = {}
        for task in text.tasks:
            for ref in task.lead:
                name = ref.canonical or ref.raw
                if name in unit_owners and task not in led.setdefault(name, []):
                    led[name].append(task)
        share_sum = sum(len(tasks) for tasks in led.values()) / len(text.tasks)
        scale = min(1.0, 1.0 / share_sum) if share_sum else 0.0
        own = {id(t) for t in text.tasks[: len(text.tasks) - text.foreign_tasks]}
        for name, tasks in sorted(led.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            weight = round(weights.units * len(tasks) / len(text.tasks) * scale, 2)
            anchor = tasks[0].anchor if id(tasks[0]) in own and tasks[0].anchor else None
            out.append(TopicEvidence("units", name, weight, len(tasks), tasks[0].lines[0] if tasks[0].lines else None,
                                     anchor, unit_owners[name]))
    return out


def classify_text(text: ClassifiableText, taxonomy: Taxonomy) -> list[TopicAssignment]:
    rules = taxonomy.rules
    scored: list[tuple[float, int, Topic, list[TopicEvidence]]] = []
    found = _find(text, taxonomy)
    for order, topic in enumerate(taxonomy.topics):
        evidence = _evidence(topic, text, found, taxonomy)
        score = round(sum(e.weight for e in evidence), 2)
        if score > 0:
            scored.append((score, order, topic, evidence))
    scored.sort(key=lambda s: (-s[0], s[1]))
    if not scored:
        return []
    best = scored[0][0]
    chosen = [s for s in scored if s[0] >= rules.min_score and s[0] >= rules.min_share * best][: rules.max_topics]
    return [TopicAssignment(topic.name, topic.slug, _subtopic(topic, evidence, score, taxonomy), score, evidence)
            for score, _, topic, evidence in chosen]


def _subtopic(topic: Topic, evidence: list[TopicEvidence], score: float, taxonomy: Taxonomy) -> str | None:
    by_sub: dict[str, float] = {}
    for item in evidence:
        if item.subtopic:
            by_sub[item.subtopic] = by_sub.get(item.subtopic, 0.0) + item.weight
    order = {s.name: i for i, s in enumerate(topic.subtopics)}
    ranked = sorted(by_sub.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))
    if ranked and ranked[0][1] >= taxonomy.rules.sub_min_share * score:
        return ranked[0][0]
    return None


def document_topics(document: Document, embedded: EmbeddedDocument | None, taxonomy: Taxonomy,
                    cache: TopicCache | None = None) -> list[TopicAssignment]:
    """The topics of a page: a notice (`embedded` None), or a regulation or plan it issues."""
    text = embedded_text(embedded) if embedded is not None else notice_text(document)
    if cache is None:
        return classify_text(text, taxonomy)
    return cache.topics(text, taxonomy)


class TopicCache:
    """Topics per classified text and taxonomy, kept between builds: a page's topics depend on nothing
    else, and classifying every page of the archive again was most of the link stage."""

    VERSION = 1  # raise when an entry's shape changes

    def __init__(self, path: Path):
        self.path = path
        self.data: dict[str, list[TopicAssignment]] = {}
        self.used: dict[str, list[TopicAssignment]] = {}
        self._taxonomy: tuple[int, str] | None = None
        try:
            with path.open("rb") as handle:
                self.data = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError):
            self.data = {}

    def topics(self, text: ClassifiableText, taxonomy: Taxonomy) -> list[TopicAssignment]:
        """`text`'s topics: from the cache when the same text (all the rules read, as its repr) was classified."""
        if self._taxonomy is None or self._taxonomy[0] != id(taxonomy):
            self._taxonomy = (id(taxonomy), cache_fingerprint("topics", self.VERSION) + repr(taxonomy))
        key = hashlib.sha256(f"{self._taxonomy[1]}\0{text!r}".encode()).hexdigest()
        found = self.data.get(key)
        if found is None:
            found = classify_text(text, taxonomy)
        self.used[key] = found
        return list(found)

    def save(self) -> None:
        """Only the entries of this build: the file does not grow with texts no longer held."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(self.used, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.path)


def classify_archive(archive: Archive, taxonomy: Taxonomy, cache: TopicCache | None = None) -> None:
    """Set the topics of every page of the linked archive; the parsed documents stay as parsed.
    `cache`: topics of texts classified by earlier builds with the same taxonomy and code."""
    for page in archive.pages.values():
        page.topics = document_topics(page.document, page.embedded, taxonomy, cache)
    if cache is not None:
        cache.save()


def tag_names(assignments: list[TopicAssignment]) -> list[str]:
    """Front-matter `tags`: each theme, then its sub-theme where one applies."""
    tags: list[str] = []
    for assignment in assignments:
        for name in (assignment.topic, assignment.subtopic):
            if name and name not in tags:
                tags.append(name)
    return tags
