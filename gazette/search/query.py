"""Query semantics, the single specification the browser (assets/search.js) mirrors line by line.

1. normalise() the query as the index text was normalised;
2. take out 文号 in any notation (阳政办发〔2020〕81号, [2020], （2020）, 2020年, partial 政办函117号):
   the documents they name come first;
3. cut the rest into runs (CJK, numbers, ASCII words); a CJK run yields every index term
   it contains (all substrings that are index terms, longer ones weigh more), and single
   characters not covered by a longer term; a near-miss (养老服物) adds the index term one
   character away (养老服务); everyday words add official ones (synonyms.yaml); a unit
   name adds its other names (市规自局 -> 市规划和自然资源局);
4. an article number in any numerals (第34条, 34条, 第三十四条) becomes the label 第三十四条: records
   with that label, in the page whose title the rest of the query matches, come first; a unit
   named in the query (any of its names) favours records that name it; a question form
   (什么是X, X指什么, 多少度算X) favours the record that defines X (X是指…);
5. lunr scores the terms (BM25); results are re-ranked with term coverage, exact-phrase
   coverage and title match (engine.final_score()).
Weights and limits live in data/settings.json (settings.py), read by both implementations.
Characters that are lunr syntax (+ - : ^ ~ *) never reach lunr: only index terms do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Protocol

from gazette.search.settings import SETTINGS
from gazette.search.tokenize import CJK, STOPWORDS, fold, normalise, run_spans, runs
from gazette.text.chars import HAN, squash
from gazette.text.docnumber import LOOSE_RE, DocNumber
from gazette.text.numerals import chinese_to_int, int_to_chinese

MAX_TERM = SETTINGS["max_term"]  # longest index term looked for inside a query run


class Vocabulary(Protocol):
    def df(self, term: str) -> int: ...  # 0 when the term is not in the index

    def starting_with(self, char: str) -> dict[str, int]: ...


@dataclass
class Analysis:
    text: str  # normalised query
    terms: dict[str, float] = field(default_factory=dict)  # index term -> boost
    segments: list[str] = field(default_factory=list)  # runs, for exact-phrase coverage
    breaks: list[list[int]] = field(default_factory=list)  # per segment: the reader's spaces between words (hard_breaks())
    quoted: list[str] = field(default_factory=list)  # "…" the reader quoted: must appear
    doc_numbers: list[DocNumber] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # 第三十四条: labels of the articles named
    units: list[str] = field(default_factory=list)  # every name of the units named (squashed)
    people: list[str] = field(default_factory=list)  # people the query names (the archive's names)
    defines: list[str] = field(default_factory=list)  # X of a question form (什么是X): records "X是指…"
    quantities: list[str] = field(default_factory=list)  # units a how-many question asks for (几天 -> 日, 天)
    answers: list[str] = field(default_factory=list)  # patterns of the kinds of answer a question form asks for
    focus: list[list[str]] = field(default_factory=list)  # the words yes/no questions ask about, each with its synonyms
    figures: list[tuple[float, str]] = field(default_factory=list)  # figures with their unit (2006年): ranges holding them
    own: set[str] = field(default_factory=set)  # terms the query's own words hold (not synonyms, aliases, near misses)
    highlight: list[str] = field(default_factory=list)  # whole words to mark in a snippet (highlight_terms())


_QUOTES_RE = re.compile(r"[\"“”「」『』]([^\"“”「」『』]+)[\"“”「」『』]")


def term_boost(term: str) -> float:
    """Longer terms are more specific: 1.0 for two characters, +0.4 per extra character."""
    if len(term) == 1:
        return 0.35
    return 1.0 + 0.4 * (min(len(term), 8) - 2)


def covered_positions(run: str, vocabulary: Vocabulary) -> list[bool]:
    """Which characters of the run lie inside some index term of two or more characters."""
    covered = [False] * len(run)
    for start in range(len(run)):
        for end in range(min(len(run), start + MAX_TERM), start + 1, -1):
            if vocabulary.df(run[start:end]):
                for k in range(start, end):
                    covered[k] = True
    return covered


# Where the reader put a space between two Chinese characters (a mark through normalise(), which joins them).
SPACE_MARK = "\u2063"
READER_SPACE_RE = re.compile(f"(?<=[{CJK}])\\s+(?=[{CJK}])")


def unmark(text: str) -> tuple[str, list[int]]:
    """The text without space marks, and where they were (offsets in that text)."""
    pieces = text.split(SPACE_MARK)
    offsets, at = [], 0
    for piece in pieces[:-1]:
        at += len(piece)
        offsets.append(at)
    return "".join(pieces), offsets


def hard_breaks(spaces: list[int], length: int) -> list[int]:
    """The reader's spaces inside a run that separate words: not one beside a single character, which
    belongs to its neighbour (李 文兵, 李 君: a name written as the bulletin pads it)."""
    bounds = [0, *spaces, length]
    return [b for i, b in enumerate(bounds[1:-1], start=1) if b - bounds[i - 1] > 1 and bounds[i + 1] - b > 1]


def crosses(start: int, end: int, breaks: list[int]) -> bool:
    return any(start < b < end for b in breaks)


def cjk_terms(run: str, vocabulary: Vocabulary, breaks: list[int] | None = None) -> dict[str, float]:
    """Every index term inside a CJK run (full mode), singles only where nothing longer covers; no term
    across a break (the reader's space between two words: 小组 组长 holds no 组组长)."""
    found: dict[str, float] = {}
    covered = [False] * len(run)
    for start in range(len(run)):
        for end in range(min(len(run), start + MAX_TERM), start + 1, -1):
            piece = run[start:end]
            if vocabulary.df(piece) and not (breaks and crosses(start, end, breaks)):
                found[piece] = term_boost(piece)
                for k in range(start, end):
                    covered[k] = True
    for k, ch in enumerate(run):
        if not covered[k] and ch not in STOPWORDS and vocabulary.df(ch):
            found[ch] = term_boost(ch)
    return found


def near_misses(run: str, vocabulary: Vocabulary, weight: float = 0.8) -> dict[str, float]:
    """Index terms one character away from a 4–6 character stretch of the run, where the
    differing character is one no index term covers (养老服物 -> 养老服务, not 建筑节 -> 建筑物)."""
    found: dict[str, float] = {}
    covered = covered_positions(run, vocabulary)
    for size in range(min(6, len(run)), 3, -1):
        for start in range(0, len(run) - size + 1):
            piece = run[start:start + size]
            if vocabulary.df(piece) or all(covered[start:start + size]):
                continue
            for candidate in sorted(vocabulary.starting_with(piece[0])):
                if len(candidate) != size:
                    continue
                diff = [k for k in range(size) if candidate[k] != piece[k]]
                if len(diff) == 1 and not covered[start + diff[0]]:
                    found[candidate] = weight * term_boost(candidate)
    return found


def expansions(text: str, table: dict[str, list[str]], vocabulary: Vocabulary, weight: float) -> dict[str, float]:
    """Terms of the official words for every table key found in the query text."""
    found: dict[str, float] = {}
    for key in sorted(table):
        if key in text:
            for official in table[key]:
                for _, run in runs(normalise(official)):
                    for term, boost in cjk_terms(run, vocabulary).items():
                        if len(term) > 1:
                            found[term] = max(found.get(term, 0.0), weight * boost)
    return found


_OPEN, _CLOSE, _WEN = "[〔\\[［(（【]", "[〕\\]］)）】]", "(?P<wen>文件|文)?"
# 文号 as readers write them: text/docnumber's loose form (阳政办发 2020 年 76 号, 政办函117号), the
# bracketed year without 号 or prefix (〔2020〕86, 政办发[2020]73), and the year and number alone (2020年86号, 78号文).
QUERY_DOC_RES = [
    re.compile(LOOSE_RE.pattern + _WEN),
    re.compile(f"(?P<prefix>[{HAN}]{{0,12}}){_OPEN}\\s*(?P<year>[0-9]{{4}})\\s*{_CLOSE}\\s*第?\\s*(?P<num>[0-9]{{1,4}})"
               f"(?:\\s*号)?{_WEN}"),
    re.compile(f"(?<![0-9])(?:(?P<year>[0-9]{{4}})\\s*年\\s*第?\\s*)?(?P<num>[0-9]{{1,4}})\\s*号{_WEN}"),
]


def known_prefix(raw: str, prefixes: frozenset[str]) -> str:
    """The longest end of what precedes a number that is part of some 机关代字 the site knows
    (出租车阳政办发 -> 阳政办发, 查询政办函 -> 政办函, 出租车 -> ''); everything, with no 文号 known."""
    if not prefixes:
        return raw
    for size in range(len(raw), 0, -1):
        if any(raw[-size:] in prefix for prefix in sorted(prefixes)):
            return raw[-size:]
    return ""


def take_doc_numbers(text: str, prefixes: frozenset[str] = frozenset()) -> tuple[str, list[DocNumber]]:
    """文号 out of the (NFKC) query text, and the rest. Words before a number that no 机关代字 holds stay
    in the text. A number without prefix is a 文号 only with its year (〔2020〕86号) or as N号文."""
    numbers: list[DocNumber] = []

    def take(m: re.Match[str]) -> str:
        raw = (m.groupdict().get("prefix") or "").strip()
        prefix = known_prefix(squash(raw), prefixes)
        year = m.groupdict().get("year") or m.groupdict().get("year2")
        if not prefix and not year and not m.group("wen"):
            return m.group(0)
        numbers.append(DocNumber(prefix, int(year) if year else None, int(m.group("num"))))
        return raw[:len(raw) - len(prefix)] + " "

    for pattern in QUERY_DOC_RES:
        text = pattern.sub(take, text)
    return text, numbers


CJK_CLASS = f"[{CJK}]"
# 第34条, 34条, 第三十四条 (ASCII digits only: the browser's expressions match the same)
ARTICLE_RE = re.compile(r"第\s*([0-9]{1,3}|[零〇一二两三四五六七八九十百]{1,6})\s*条|([0-9]{1,3})\s*条")
# Question forms asking what a term means; group 1 is the term.
DEFINE_RES = [
    re.compile(f"什么(?:是|叫)({CJK_CLASS}{{2,12}})"),
    re.compile(f"({CJK_CLASS}{{2,12}}?)(?:是指|指的是|是|指)(?:什么|啥)"),
    re.compile(f"({CJK_CLASS}{{2,12}}?)的(?:定义|含义|意思)"),
    re.compile(f"(?:多少|多大|多高|多低|几)(?:{CJK_CLASS}{{0,4}}?)算({CJK_CLASS}{{2,8}})"),
]


NUMERAL_RE = re.compile("[〇零一二两三四五六七八九十百千]{2,}")


def numeral_figures(run: str) -> list[str]:
    """Chinese numerals of two characters or more in a CJK run, as ASCII figures (二〇二〇 -> 2020)."""
    figures: list[str] = []
    for m in NUMERAL_RE.finditer(run):
        value = chinese_to_int(m.group(0)) if m.group(0).strip("〇零") else None
        if value and str(value) not in figures:
            figures.append(str(value))
    return figures


A_NOT_A_RE = re.compile(f"({CJK_CLASS})不\\1({CJK_CLASS})")


def a_not_a(text: str, vocabulary: Vocabulary, words: str) -> str:
    """分不分类 -> 分类: an A-not-A question over a word whose first character is A keeps the word
    (the question words would take 分不分 and leave 类); 需不需要, itself a question word, stays."""
    def join(m: re.Match[str]) -> str:
        word = m.group(1) + m.group(2)
        if re.fullmatch(f"(?:{words})", m.group(0)) or not vocabulary.df(word):
            return m.group(0)
        return word

    return A_NOT_A_RE.sub(join, text)


ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
LEVEL_RE = re.compile("(10|[1-9]|十|[一二三四五六七八九]|x|ix|viii|vii|vi|v|iv|iii|ii|i)级")


def level_terms(text: str) -> list[str]:
    """Grades (级) in the other numerals: 三级 / 3级 / Ⅲ级 (NFKC: iii级) each add the other two forms'
    terms (iii, 三级, 3), as response levels and grades are written all three ways."""
    found: list[str] = []
    for m in LEVEL_RE.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if before.isascii() and before.isalnum() or before in "一二三四五六七八九十":
            continue  # part of a longer figure or word (13级, xiii级, 十三级)
        number = m.group(1)
        value = ROMAN.index(number) + 1 if number in ROMAN else int(number) if number.isdigit() else chinese_to_int(number)
        if value:
            found += [t for t in (ROMAN[value - 1], int_to_chinese(value) + "级", str(value)) if t not in found]
    return found


def article_label(number: str) -> str | None:
    """'34' or '三十四' -> '第三十四条' (None outside 1–999)."""
    value = int(number) if number.isdigit() else chinese_to_int(number)
    if value is None or not 0 < value < 1000:
        return None
    return f"第{int_to_chinese(value)}条"


def take_articles(text: str) -> tuple[str, list[str]]:
    """Article numbers out of the (NFKC) query text, as labels; the rest of the text."""
    labels: list[str] = []
    for m in ARTICLE_RE.finditer(text):
        label = article_label(m.group(1) or m.group(2))
        if label and label not in labels:
            labels.append(label)
    return (ARTICLE_RE.sub(" ", text) if labels else text), labels


def defined_terms(text: str) -> list[str]:
    """The term a question form asks about: 什么是霜冻 / 霜冻是什么 / 多大的风算大风 -> 霜冻, 大风."""
    found: list[str] = []
    for pattern in DEFINE_RES:
        for m in pattern.finditer(text):
            term = m.group(1)
            for prefix in ("什么", "啥"):
                term = term.removeprefix(prefix)
            if len(term) >= 2 and term not in found:
                found.append(term)
    return found


NUMBER = "(?:[0-9]+(?:\\.[0-9]+)?|[一二三四五六七八九十两百千]+)"


def asked_quantities(text: str, quantity: dict[str, Any]) -> list[str]:
    """Units a how-many question asks for: 提前几天 -> 日, 天; 多久 -> 工作日, 日, 月, 年, 小时."""
    units = sorted(quantity["units"], key=lambda u: (-len(u), u))
    found: list[str] = []
    for m in re.finditer("(?:几|多少)个?(" + "|".join(units) + ")", text):
        for unit in quantity["same"].get(m.group(1), [m.group(1)]):
            if unit not in found:
                found.append(unit)
    if re.search("多久|多长时间|多长期限", text):
        found += [u for u in quantity["duration"] if u not in found]
    return found


def has_quantity(record_text: str, units: list[str]) -> bool:
    """A figure followed by one of the units (8年, 3日, 十五个工作日) in the squashed record text."""
    return re.search(NUMBER + "个?(?:" + "|".join(units) + ")", record_text) is not None


FIGURE = "[0-9]+(?:\\.[0-9]+)?"
NOT_A_BOUND = "(?!以下|以上|以内|以前|以后|之前|之后|[前后至到—–\\-~～])"  # 3岁以下, 2021年前: a bound, not a point


def asked_figures(text: str, units: list[str]) -> list[tuple[float, str]]:
    """The query's figures with a unit of settings ``ranges`` (2006年, 5岁; not a bound: 3岁以下): a record
    giving a range of that unit which holds the figure (2001年—2008年, 3至6周岁) answers it."""
    alternation = "|".join(sorted(units, key=lambda u: (-len(u), u)))
    return [(float(m.group(1)), m.group(2)) for m in re.finditer(f"(?<![0-9.至到—–\\-~～])({FIGURE})({alternation}){NOT_A_BOUND}", text)]


FIGURE_NUMERAL = "[〇零一二两三四五六七八九十百千]+"


def arabic_figures(text: str, units: list[str]) -> str:
    """Chinese numerals before a unit of settings ``ranges`` as ASCII figures (二〇〇六年 -> 2006年, 五岁 ->
    5岁): a figure the query writes in words is a figure for asked_figures() too."""
    alternation = "|".join(sorted(units, key=lambda u: (-len(u), u)))

    def digits(m: re.Match[str]) -> str:
        value = chinese_to_int(m.group(0)) if m.group(0).strip("〇零") else None
        return str(value) if value else m.group(0)

    return re.sub(f"{FIGURE_NUMERAL}(?=(?:{alternation}))", digits, text)


def in_range(record_text: str, figures: list[tuple[float, str]], units: list[str]) -> bool:
    """Does the (normalised, punctuation kept) record give a range A—B of a figure's unit holding it?"""
    alternation = "|".join(sorted(units, key=lambda u: (-len(u), u)))
    pattern = f"({FIGURE})\\s?(?:{alternation})?\\s?[—–\\-~～至到]{{1,2}}\\s?({FIGURE})\\s?({alternation})"
    for m in re.finditer(pattern, record_text):
        low, high = float(m.group(1)), float(m.group(2))
        if any(unit == m.group(3) and low <= value <= high for value, unit in figures):
            return True
    return False


def named_units(text: str, unit_aliases: dict[str, list[str]], min_length: int) -> list[str]:
    """Every name of every unit the query names (市规自局 -> 市规自局, 市规划和自然资源局, …)."""
    names: list[str] = []
    for key in sorted(unit_aliases):
        if len(key) >= min_length and key in text:
            for name in [key, *unit_aliases[key]]:
                if name not in names:
                    names.append(name)
    return names




def analyse(query: str, vocabulary: Vocabulary, synonyms: dict[str, list[str]],
            unit_aliases: dict[str, list[str]], people: frozenset[str] = frozenset(), records: int = 0,
            settings: dict[str, Any] | None = None, prefixes: frozenset[str] = frozenset()) -> Analysis:
    """``prefixes``: the 机关代字 of the site's 文号 (what a number's prefix is recognised by)."""
    settings = settings or SETTINGS
    raw = fold(unicodedata.normalize("NFKC", query))  # 號, 條 and 辦 read as 号, 条 and 办
    rest, numbers = take_doc_numbers(raw, prefixes)
    rest, articles = take_articles(rest)
    analysis = Analysis(text=normalise(query), doc_numbers=numbers, articles=articles)
    analysis.quoted = [normalise(m.group(1)) for m in _QUOTES_RE.finditer(query) if m.group(1).strip()]
    full = normalise(rest)
    # Question words (多少, 能不能, 吗) are not in the text: they choose the kind of answer, not the terms.
    words = settings["questions"]["words"]
    spaced = normalise(READER_SPACE_RE.sub(SPACE_MARK, rest))
    marked = re.sub(words, " ", a_not_a(spaced, vocabulary, words))
    text, spaces = unmark(marked)
    for kind, run, start in run_spans(text):
        analysis.segments.append(run)
        analysis.breaks.append(hard_breaks([at - start for at in spaces if start < at < start + len(run)], len(run)))
        if kind == "cjk":
            for term, boost in cjk_terms(run, vocabulary, analysis.breaks[-1]).items():
                analysis.terms[term] = max(analysis.terms.get(term, 0.0), boost)
                analysis.own.add(term)
            for term, boost in near_misses(run, vocabulary, settings["near_miss_weight"]).items():
                analysis.terms.setdefault(term, boost)
            for term in numeral_figures(run):  # 一千零八十辆 -> 1080, as the text writes figures
                if vocabulary.df(term):
                    analysis.terms.setdefault(term, 1.2)
                    analysis.own.add(term)
        elif vocabulary.df(run):
            analysis.terms[run] = max(analysis.terms.get(run, 0.0), 1.2 if kind == "num" else 1.0)
            analysis.own.add(run)
    squashed = "".join(r for _, r in runs(full))
    for term in level_terms(full):
        if vocabulary.df(term):
            analysis.terms.setdefault(term, 1.0)
    for table, weight in ((synonyms, settings["synonym_weight"]), (unit_aliases, settings["alias_weight"])):
        for term, boost in expansions(squashed, table, vocabulary, weight).items():
            analysis.terms.setdefault(term, boost)
    for term in analysis.terms:
        if term in people:
            analysis.terms[term] *= settings["entity_boost"]
    analysis.people = sorted(t for t in analysis.own if t in people)
    # Words in a sixth of all records (服务, 工作, 政府) barely rank anything, but their shards are the
    # largest files a query would download: leave them out when the query has rarer words.
    common = {t for t in analysis.terms if records and vocabulary.df(t) > settings["common"] * records}
    if common and len(common) < len(analysis.terms):
        analysis.terms = {t: b for t, b in analysis.terms.items() if t not in common}
    # The article's label is a heading term of exactly the records that hold it.
    for label in articles:
        if vocabulary.df(label):
            analysis.terms[label] = settings["article_term_boost"]
    analysis.units = named_units(squashed, unit_aliases, settings["unit_min_length"])
    analysis.defines = defined_terms(squashed)
    analysis.quantities = asked_quantities(squashed, settings["quantity"])
    analysis.figures = asked_figures(arabic_figures(full, settings["ranges"]), settings["ranges"])
    analysis.focus = [[word, *synonyms.get(word, [])] for word in question_focus(spaced, analysis.own, settings["questions"]["focus"])]
    analysis.answers = [kind["answer"] for kind in settings["questions"]["kinds"] if re.search(kind["ask"], squashed)]
    analysis.highlight = highlight_terms(analysis, squashed, [synonyms, unit_aliases])
    return analysis


def highlight_terms(analysis: Analysis, squashed: str, tables: list[dict[str, list[str]]]) -> list[str]:
    """The words a snippet marks: the query's own words and the whole official words its everyday words
    and unit names stand for (发改委 -> 市发展和改革委员会, never its part 委员会), each only where no
    longer one holds it (婴幼儿, not also 幼儿), longest first."""
    words = {t for t in analysis.own if len(t) > 1 or not re.match(CJK_CLASS, t)} | set(analysis.articles)
    for table in tables:
        for key in sorted(table):
            if key in squashed:
                words.update(normalise(v) for v in table[key])
    words = {w for w in words if w and not any(w != other and w in other for other in words)}
    return sorted(words, key=lambda w: (-len(w), w))


def question_focus(full: str, own: set[str], forms: dict[str, str]) -> list[str]:
    """The word a yes/no question asks about: the last query word of two or more characters in its clause
    (the reader's spaces end one) before 吗 (需要回避吗 -> 回避) or after 能不能 … (需不需要民政部门批准 -> 批准, 能不能转让 -> 转让)."""
    found: list[str] = []
    for clause in re.findall(f"{CJK_CLASS}+", full):
        for m in re.finditer(f"({forms['before']})|(?:{forms['after']})", clause):
            part = clause[:m.start()] if m.group(1) else clause[m.end():]
            best = max(((at + len(t), len(t), t) for t in sorted(own) if len(t) > 1 and (at := part.rfind(t)) >= 0),
                       default=None)
            if best and best[2] not in found:
                found.append(best[2])
    return found


def focus_share(record_text: str, focus: list[list[str]]) -> float:
    """Share of the questions' words (or a synonym of each) the record holds."""
    return sum(1 for words in focus if any(w in record_text for w in words)) / len(focus) if focus else 0.0


def answer_share(record_text: str, answers: list[str]) -> float:
    """Share of the kinds of answer asked for (a sum of money, a unit in charge, a rule …) the record holds."""
    return sum(1 for pattern in answers if re.search(pattern, record_text)) / len(answers) if answers else 0.0


def covered_share(analysis: Analysis, text: str, tables: list[dict[str, list[str]]]) -> float:
    """Share of the query's characters that a result accounts for: inside a query word of two or more
    characters (or a number) that the result's text holds, or inside an everyday word or unit name whose
    official words it holds; 1.0 when it holds the query verbatim. Below settings no_answer_below,
    nothing answers the query directly (高考 finding only 考核)."""
    if whole_phrase(analysis.segments, text):
        return 1.0
    words = [t for t in sorted(analysis.own) if (len(t) > 1 or not re.match(CJK_CLASS, t)) and t in text]
    words += [key for table in tables for key in sorted(table) if any(v in text for v in table[key])]
    total = covered = 0
    for segment in analysis.segments:
        inside = [False] * len(segment)
        for word in words:
            at = segment.find(word)
            while at >= 0:
                for k in range(at, at + len(word)):
                    inside[k] = True
                at = segment.find(word, at + 1)
        total += len(segment)
        covered += sum(inside)
    return covered / total if total else 0.0


def leads(record_text: str, units: list[str], forms: str) -> bool:
    """Does the (normalised) record name one of the units as the one that leads: 市民政局牵头, 牵头单位：…,
    a duty list's 市住建局：…, or first in a list of units in brackets (市工信局、市民政局…按职责分工负责)?"""
    return any(re.search(forms.replace("{unit}", re.escape(name)), record_text, re.M) for name in units)


def bigrams(segments: list[str]) -> list[str]:
    """Adjacent character pairs inside each query run (the unit of phrase matching)."""
    return [s[i:i + 2] for s in segments for i in range(len(s) - 1)]


def phrase_coverage(pairs: list[str], record_text: str, title_text: str = "") -> float:
    """Share of the query's character pairs found in the record (or in its page's title, which every
    record of the page inherits): 1.0 for the exact phrase, less for the same words scattered, and
    graded where a segmenter would disagree."""
    if not pairs:
        return 0.0
    return sum(1 for pair in pairs if pair in record_text or pair in title_text) / len(pairs)


def whole_phrase(segments: list[str], record_text: str) -> float:
    """1.0 when the query's text (runs joined) appears verbatim, e.g. an exact quote."""
    joined = "".join(segments)
    return 1.0 if len(joined) >= 4 and joined in record_text else 0.0


def squash_text(text: str) -> str:
    """Record/title text as phrases are compared: normalised, no whitespace or punctuation gaps kept."""
    return "".join(r for _, r in runs(normalise(text)))
