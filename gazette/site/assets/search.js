/*
 * Site search: the prebuilt, sharded lunr index in site/search/ (see gazette/search/files.py).
 *
 * The query semantics mirror gazette/search/query.py and engine.py line by line, so the
 * browser and `python -m gazette search` return the same results; tests check it.
 * Index parts are scripts that call gazetteSearch.load(name, data): loaded with <script>
 * tags, they work over http and from file:// alike, and only the parts a query needs are
 * downloaded.
 */
(function () {
  "use strict";

  // ---- loading ---------------------------------------------------------------------------
  var root = (function () {
    var box = document.querySelector("[data-gz-root]");
    var base = box ? box.getAttribute("data-gz-root") : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  })();
  var pending = {}, loaded = {};
  // Where a query's time goes (scripts/bench_search.py reads these marks).
  var STAGES = ["start", "analysed", "scored", "records", "ranked", "shown"];
  function mark(name) {
    if (typeof performance === "undefined" || !performance.mark) return;
    if (name === "start") STAGES.forEach(function (stage) { performance.clearMarks("gz-search:" + stage); });  // one query's
    performance.mark("gz-search:" + name);
  }
  var api = (window.gazetteSearch = window.gazetteSearch || {});
  api.load = function (name, data) {
    loaded[name] = data;
    if (pending[name]) { pending[name].resolve(data); }
  };

  function part(name) {
    if (loaded[name] !== undefined) return Promise.resolve(loaded[name]);
    if (!pending[name]) {
      var handle = {};
      handle.promise = new Promise(function (resolve, reject) { handle.resolve = resolve; handle.reject = reject; });
      pending[name] = handle;
      var script = document.createElement("script");
      script.src = root + "search/" + name + ".js";
      script.async = true;
      script.onerror = function () { handle.reject(new Error("cannot load search/" + name + ".js")); };
      document.head.appendChild(script);
    }
    return pending[name].promise;
  }

  var lunrLoading = null;  // one request, however many callers
  function lunrReady() {
    if (!lunrLoading) lunrLoading = window.lunr ? Promise.resolve(window.lunr).then(function (lunr) { registerPipeline(); return lunr; })
      : new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + "assets/lunr.min.js";
        script.onload = function () { registerPipeline(); resolve(window.lunr); };
        script.onerror = function () { lunrLoading = null; reject(new Error("cannot load lunr.min.js")); };
        document.head.appendChild(script);
      });
    return lunrLoading;
  }

  function registerPipeline() {
    // The index lists this pipeline function (gazette/search/indexer.py); lunr.Index.load needs it.
    var fn = function (token) {
      var text = token.toString().normalize("NFKC").toLowerCase();
      return text.trim() ? token.update(function () { return text; }) : undefined;
    };
    window.lunr.Pipeline.registerFunction(fn, "gazette-normalise");
  }

  // ---- text (tokenize.py) ------------------------------------------------------------------
  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var RUN_RE = new RegExp("[" + CJK + "]+|[0-9]+(?:\\.[0-9]+)?|[a-z][a-z0-9]*", "g");
  var SPACE_BETWEEN_RE = new RegExp("(?<=[" + CJK + "0-9])\\s+(?=[" + CJK + "0-9])", "g");
  var STOPWORDS = new Set();  // settings.stopwords (configure())

  // 繁体/variant -> simplified, one character for one (meta.fold, made by tokenize.fold_pairs from OpenCC).
  var FOLD = null, FOLD_RE = null, foldSource = null;
  function setFold(pairs) {
    if (pairs === foldSource) return;
    foldSource = pairs;
    FOLD = new Map();
    for (var i = 0; i + 1 < (pairs || "").length; i += 2) FOLD.set(pairs.charAt(i), pairs.charAt(i + 1));
    FOLD_RE = FOLD.size ? new RegExp("[" + Array.from(FOLD.keys()).join("") + "]", "g") : null;
  }
  function fold(text) {  // tokenize.fold()
    return FOLD_RE ? text.replace(FOLD_RE, function (c) { return FOLD.get(c); }) : text;
  }
  function normalise(text) {
    return fold(text.normalize("NFKC").toLowerCase()).replace(SPACE_BETWEEN_RE, "");
  }

  function runs(text) {
    var out = [], m;
    RUN_RE.lastIndex = 0;
    while ((m = RUN_RE.exec(text))) {
      var run = m[0], first = run.charAt(0);
      out.push([/[0-9]/.test(first) ? "num" : /[a-z]/.test(first) ? "word" : "cjk", run, m.index]);
    }
    return out;
  }

  function squashText(text) {
    return runs(normalise(text)).map(function (r) { return r[1]; }).join("");
  }

  // ---- 文号 (text/docnumber.py) --------------------------------------------------------------
  // text/chars.HAN (Han ideographs, supplementary planes included: hence the "u" flag) and text/docnumber.LOOSE_RE.
  var HAN = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u{20000}-\u{2ebef}";
  var LOOSE_RE = new RegExp("([" + HAN + "]{1,12}?)\\s*(?:[〔\\[［(（【]\\s*([0-9]{4})\\s*[〕\\]］)）】]|([0-9]{4})\\s*年?)?\\s*第?\\s*([0-9]{1,4})\\s*号", "gu");

  function docMatches(wanted, other) {  // DocNumber.matches(): no prefix matches any
    if (wanted.number !== other.number) return false;
    if (wanted.year !== null && other.year !== null && wanted.year !== other.year) return false;
    return other.prefix.indexOf(wanted.prefix) >= 0;
  }

  // query.QUERY_DOC_RES: [regex, prefix group, year groups, number group, 文 group]
  var OPEN = "[〔\\[［(（【]", CLOSE = "[〕\\]］)）】]", WEN = "(文件|文)?";
  var QUERY_DOC_RES = [
    [new RegExp(LOOSE_RE.source + WEN, "gu"), 1, [2, 3], 4, 5],
    [new RegExp("([" + HAN + "]{0,12})" + OPEN + "\\s*([0-9]{4})\\s*" + CLOSE + "\\s*第?\\s*([0-9]{1,4})(?:\\s*号)?" + WEN, "gu"), 1, [2], 3, 4],
    [new RegExp("(?<![0-9])(?:([0-9]{4})\\s*年\\s*第?\\s*)?([0-9]{1,4})\\s*号" + WEN, "gu"), 0, [1], 2, 3]
  ];
  function knownPrefix(raw, prefixes) {  // query.known_prefix()
    if (!prefixes.length) return raw;
    for (var size = raw.length; size > 0; size--) {
      var end = raw.slice(raw.length - size);
      if (prefixes.some(function (p) { return p.indexOf(end) >= 0; })) return end;
    }
    return "";
  }
  function takeDocNumbers(text, prefixes) {  // query.take_doc_numbers()
    var numbers = [];
    QUERY_DOC_RES.forEach(function (spec) {
      text = text.replace(spec[0], function () {
        var g = arguments, raw = spec[1] ? (g[spec[1]] || "").trim() : "";
        var prefix = knownPrefix(raw.replace(/\s+/g, ""), prefixes);
        var year = spec[2].map(function (i) { return g[i]; }).filter(Boolean)[0];
        if (!prefix && !year && !g[spec[4]]) return g[0];
        numbers.push({ prefix: prefix, year: year ? parseInt(year, 10) : null, number: parseInt(g[spec[3]], 10) });
        return raw.slice(0, raw.length - prefix.length) + " ";
      });
    });
    return [text, numbers];
  }

  // ---- query analysis (query.py) --------------------------------------------------------------
  // Weights, limits and tables come from the site's settings (gazette/search/data/settings.json,
  // copied into meta.js by the indexer): the Python engine reads the same object.
  var S = null, MAX_TERM = 12;
  function configure(settings) {
    if (S === settings) return;
    S = settings;
    MAX_TERM = settings.max_term;
    STOPWORDS = new Set(settings.stopwords.split(" ").filter(Boolean));
  }
  var QUOTES_RE = /["“”「」『』]([^"“”「」『』]+)["“”「」『』]/g;
  var CJK_CLASS = "[" + CJK + "]";
  var ARTICLE_RE = /第\s*([0-9]{1,3}|[零〇一二两三四五六七八九十百]{1,6})\s*条|([0-9]{1,3})\s*条/g;
  var DEFINE_RES = [
    new RegExp("什么(?:是|叫)(" + CJK_CLASS + "{2,12})", "g"),
    new RegExp("(" + CJK_CLASS + "{2,12}?)(?:是指|指的是|是|指)(?:什么|啥)", "g"),
    new RegExp("(" + CJK_CLASS + "{2,12}?)的(?:定义|含义|意思)", "g"),
    new RegExp("(?:多少|多大|多高|多低|几)(?:" + CJK_CLASS + "{0,4}?)算(" + CJK_CLASS + "{2,8})", "g")
  ];
  var CN_DIGITS = { "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var CN_UNITS = { "十": 10, "百": 100, "千": 1000 };

  function chineseToInt(text) {  // text/numerals.chinese_to_int (for the characters ARTICLE_RE admits)
    var total = 0, current = 0;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (ch in CN_DIGITS) current = current && ch !== "零" ? current * 10 + CN_DIGITS[ch] : CN_DIGITS[ch];
      else { total += (current || 1) * CN_UNITS[ch]; current = 0; }
    }
    return total + current;
  }
  function intToChinese(value) {  // text/numerals.int_to_chinese, below 1000
    var d = "零一二三四五六七八九";
    if (value < 10) return d.charAt(value);
    if (value < 20) return "十" + (value % 10 ? d.charAt(value % 10) : "");
    if (value < 100) return d.charAt(Math.floor(value / 10)) + "十" + (value % 10 ? d.charAt(value % 10) : "");
    var rest = value % 100, head = d.charAt(Math.floor(value / 100)) + "百";
    if (rest === 0) return head;
    if (rest < 10) return head + "零" + d.charAt(rest);
    return head + d.charAt(Math.floor(rest / 10)) + "十" + (rest % 10 ? d.charAt(rest % 10) : "");
  }
  function numeralFigures(run) {  // query.numeral_figures()
    var figures = [], m, re = /[〇零一二两三四五六七八九十百千]{2,}/g;
    while ((m = re.exec(run))) {
      var value = m[0].replace(/[〇零]/g, "") ? chineseToInt(m[0]) : 0;
      if (value && figures.indexOf(String(value)) < 0) figures.push(String(value));
    }
    return figures;
  }
  var A_NOT_A_RE = new RegExp("(" + CJK_CLASS + ")不\\1(" + CJK_CLASS + ")", "g");
  function aNotA(text, vocab, words) {  // query.a_not_a(): 分不分类 -> 分类
    var asked = new RegExp("^(?:" + words + ")$");
    return text.replace(A_NOT_A_RE, function (whole, a, b) {
      return asked.test(whole) || !vocab.df(a + b) ? whole : a + b;
    });
  }
  var ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
  var LEVEL_RE = /(10|[1-9]|十|[一二三四五六七八九]|x|ix|viii|vii|vi|v|iv|iii|ii|i)级/g;
  function levelTerms(text) {  // query.level_terms(): 三级 / 3级 / iii级
    var found = [], m;
    LEVEL_RE.lastIndex = 0;
    while ((m = LEVEL_RE.exec(text))) {
      var before = m.index ? text.charAt(m.index - 1) : " ";
      if (/[0-9a-z]/.test(before) || "一二三四五六七八九十".indexOf(before) >= 0) continue;
      var n = m[1];
      var value = ROMAN.indexOf(n) >= 0 ? ROMAN.indexOf(n) + 1 : /^[0-9]+$/.test(n) ? parseInt(n, 10) : chineseToInt(n);
      if (value) [ROMAN[value - 1], intToChinese(value) + "级", String(value)].forEach(function (t) {
        if (found.indexOf(t) < 0) found.push(t);
      });
    }
    return found;
  }
  function articleLabel(number) {
    var value = /^[0-9]+$/.test(number) ? parseInt(number, 10) : chineseToInt(number);
    return value > 0 && value < 1000 ? "第" + intToChinese(value) + "条" : null;
  }
  function takeArticles(text) {
    var labels = [], m;
    ARTICLE_RE.lastIndex = 0;
    while ((m = ARTICLE_RE.exec(text))) {
      var label = articleLabel(m[1] || m[2]);
      if (label && labels.indexOf(label) < 0) labels.push(label);
    }
    return [labels.length ? text.replace(ARTICLE_RE, " ") : text, labels];
  }
  function definedTerms(text) {
    var found = [];
    DEFINE_RES.forEach(function (pattern) {
      var m;
      pattern.lastIndex = 0;
      while ((m = pattern.exec(text))) {
        var term = m[1];
        ["什么", "啥"].forEach(function (p) { if (term.indexOf(p) === 0) term = term.slice(p.length); });
        if (term.length >= 2 && found.indexOf(term) < 0) found.push(term);
      }
    });
    return found;
  }
  var NUMBER = "(?:[0-9]+(?:\\.[0-9]+)?|[一二三四五六七八九十两百千]+)";
  function askedQuantities(text, quantity) {  // query.asked_quantities()
    var units = quantity.units.slice().sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); });
    var found = [], m, re = new RegExp("(?:几|多少)个?(" + units.join("|") + ")", "g");
    while ((m = re.exec(text))) {
      (quantity.same[m[1]] || [m[1]]).forEach(function (u) { if (found.indexOf(u) < 0) found.push(u); });
    }
    if (/多久|多长时间|多长期限/.test(text)) quantity.duration.forEach(function (u) { if (found.indexOf(u) < 0) found.push(u); });
    return found;
  }
  function hasQuantity(recordText, units) {  // query.has_quantity()
    return new RegExp(NUMBER + "个?(?:" + units.join("|") + ")").test(recordText);
  }
  var FIGURE = "[0-9]+(?:\\.[0-9]+)?";
  var NOT_A_BOUND = "(?!以下|以上|以内|以前|以后|之前|之后|[前后至到—–\\-~～])";  // query.NOT_A_BOUND
  function unitAlternation(units) {
    return units.slice().sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); }).join("|");
  }
  function askedFigures(text, units) {  // query.asked_figures(): 2006年, 5岁
    var re = new RegExp("(?<![0-9.至到—–\\-~～])(" + FIGURE + ")(" + unitAlternation(units) + ")" + NOT_A_BOUND, "g"), out = [], m;
    while ((m = re.exec(text))) out.push([parseFloat(m[1]), m[2]]);
    return out;
  }
  function arabicFigures(text, units) {  // query.arabic_figures(): 二〇〇六年 -> 2006年
    return text.replace(new RegExp("[〇零一二两三四五六七八九十百千]+(?=(?:" + unitAlternation(units) + "))", "g"), function (n) {
      var value = n.replace(/[〇零]/g, "") ? chineseToInt(n) : 0;
      return value ? String(value) : n;
    });
  }
  function inRange(recordText, figures, units) {  // query.in_range(): 2001年—2008年 holds 2006年
    var alt = unitAlternation(units), m;
    var re = new RegExp("(" + FIGURE + ")\\s?(?:" + alt + ")?\\s?[—–\\-~～至到]{1,2}\\s?(" + FIGURE + ")\\s?(" + alt + ")", "g");
    while ((m = re.exec(recordText))) {
      var low = parseFloat(m[1]), high = parseFloat(m[2]), unit = m[3];
      if (figures.some(function (f) { return f[1] === unit && low <= f[0] && f[0] <= high; })) return true;
    }
    return false;
  }
  function namedUnits(text, aliases, minLength) {
    var names = [];
    Object.keys(aliases).sort().forEach(function (key) {
      if (key.length >= minLength && text.indexOf(key) >= 0) {
        [key].concat(aliases[key]).forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
      }
    });
    return names;
  }

  function termBoost(term) {
    if (term.length === 1) return 0.35;
    return 1.0 + 0.4 * (Math.min(term.length, 8) - 2);
  }

  // The archive's terms with their df (meta.js "vocab"; engine.SiteVocabulary).
  function Vocabulary(meta) { this.terms = meta.vocab; this.byChar = null; }
  Vocabulary.prototype.df = function (term) {
    return (term && Object.prototype.hasOwnProperty.call(this.terms, term) && this.terms[term]) || 0;
  };
  Vocabulary.prototype.startingWith = function (ch) {
    if (!this.byChar) {
      var byChar = this.byChar = new Map();
      Object.keys(this.terms).forEach(function (t) {
        var c = t.charAt(0);
        if (!byChar.has(c)) byChar.set(c, []);
        byChar.get(c).push(t);
      });
    }
    return (this.byChar.get(ch) || []).slice().sort();
  };

  function coveredPositions(run, vocab) {
    var covered = run.split("").map(function () { return false; });
    for (var start = 0; start < run.length; start++) {
      for (var end = Math.min(run.length, start + MAX_TERM); end > start + 1; end--) {
        if (vocab.df(run.slice(start, end))) for (var k = start; k < end; k++) covered[k] = true;
      }
    }
    return covered;
  }

  // query.SPACE_MARK / READER_SPACE_RE / unmark() / hard_breaks(): the reader's spaces between words.
  var SPACE_MARK = "\u2063";
  var READER_SPACE_RE = new RegExp("(?<=" + CJK_CLASS + ")\\s+(?=" + CJK_CLASS + ")", "g");
  function unmark(text) {
    var pieces = text.split(SPACE_MARK), offsets = [], at = 0;
    for (var i = 0; i + 1 < pieces.length; i++) { at += pieces[i].length; offsets.push(at); }
    return [pieces.join(""), offsets];
  }
  function hardBreaks(spaces, length) {
    var bounds = [0].concat(spaces, [length]), out = [];
    for (var i = 1; i + 1 < bounds.length; i++) {
      if (bounds[i] - bounds[i - 1] > 1 && bounds[i + 1] - bounds[i] > 1) out.push(bounds[i]);
    }
    return out;
  }
  function cjkTerms(run, vocab, breaks) {
    var found = new Map(), covered = run.split("").map(function () { return false; });
    var crosses = function (start, end) { return (breaks || []).some(function (b) { return start < b && b < end; }); };
    for (var start = 0; start < run.length; start++) {
      for (var end = Math.min(run.length, start + MAX_TERM); end > start + 1; end--) {
        var piece = run.slice(start, end);
        if (vocab.df(piece) && !crosses(start, end)) {
          found.set(piece, termBoost(piece));
          for (var k = start; k < end; k++) covered[k] = true;
        }
      }
    }
    for (var i = 0; i < run.length; i++) {
      var ch = run.charAt(i);
      if (!covered[i] && !STOPWORDS.has(ch) && vocab.df(ch)) found.set(ch, termBoost(ch));
    }
    return found;
  }

  function nearMisses(run, vocab, weight) {
    var found = new Map(), covered = coveredPositions(run, vocab);
    for (var size = Math.min(6, run.length); size > 3; size--) {
      for (var start = 0; start + size <= run.length; start++) {
        var piece = run.slice(start, start + size);
        if (vocab.df(piece) || covered.slice(start, start + size).every(Boolean)) continue;
        vocab.startingWith(piece.charAt(0)).forEach(function (candidate) {
          if (candidate.length !== size) return;
          var diff = [];
          for (var k = 0; k < size; k++) if (candidate.charAt(k) !== piece.charAt(k)) diff.push(k);
          if (diff.length === 1 && !covered[start + diff[0]]) found.set(candidate, weight * termBoost(candidate));
        });
      }
    }
    return found;
  }

  function expansions(text, table, vocab, weight) {
    var found = new Map();
    Object.keys(table).sort().forEach(function (key) {
      if (text.indexOf(key) < 0) return;
      table[key].forEach(function (official) {
        runs(normalise(official)).forEach(function (r) {
          cjkTerms(r[1], vocab).forEach(function (boost, term) {
            if (term.length > 1) found.set(term, Math.max(found.get(term) || 0, weight * boost));
          });
        });
      });
    });
    return found;
  }

  function setMax(map, term, boost) { map.set(term, Math.max(map.get(term) || 0, boost)); }
  function setDefault(map, term, boost) { if (!map.has(term)) map.set(term, boost); }

  function analyse(query, meta, vocab) {
    configure(meta.settings);
    setFold(meta.fold);
    var raw = fold(query.normalize("NFKC"));  // 號, 條 and 辦 read as 号, 条 and 办 (query.analyse)
    var prefixes = api._prefixes || (api._prefixes = Array.from(new Set(meta.doc_numbers.map(function (d) { return d[2]; }))).sort());
    var taken = takeDocNumbers(raw, prefixes), numbers = taken[1], rest = taken[0];
    var took = takeArticles(rest);
    rest = took[0];
    var analysis = { text: normalise(query), terms: new Map(), segments: [], quoted: [], docNumbers: numbers,
      articles: took[1], units: [], defines: [], quantities: [], answers: [], figures: [], focus: [], own: new Set() };
    var m;
    QUOTES_RE.lastIndex = 0;
    while ((m = QUOTES_RE.exec(query))) if (m[1].trim()) analysis.quoted.push(normalise(m[1]));
    var full = normalise(rest);
    // Question words (多少, 能不能, 吗) are not in the text: they choose the kind of answer (query.py).
    var spaced = normalise(rest.replace(READER_SPACE_RE, SPACE_MARK));
    var marked = aNotA(spaced, vocab, S.questions.words).replace(new RegExp(S.questions.words, "g"), " ");
    var unmarked = unmark(marked), text = unmarked[0], spaces = unmarked[1];
    runs(text).forEach(function (r) {
      var kind = r[0], run = r[1], start = r[2];
      analysis.segments.push(run);
      var breaks = hardBreaks(spaces.filter(function (at) { return start < at && at < start + run.length; })
        .map(function (at) { return at - start; }), run.length);
      if (kind === "cjk") {
        cjkTerms(run, vocab, breaks).forEach(function (boost, term) { setMax(analysis.terms, term, boost); analysis.own.add(term); });
        nearMisses(run, vocab, S.near_miss_weight).forEach(function (boost, term) { setDefault(analysis.terms, term, boost); });
        numeralFigures(run).forEach(function (term) {  // 一千零八十辆 -> 1080 (query.numeral_figures)
          if (vocab.df(term)) { setDefault(analysis.terms, term, 1.2); analysis.own.add(term); }
        });
      } else if (vocab.df(run)) {
        setMax(analysis.terms, run, kind === "num" ? 1.2 : 1.0);
        analysis.own.add(run);
      }
    });
    var squashed = runs(full).map(function (r) { return r[1]; }).join("");
    levelTerms(full).forEach(function (term) { if (vocab.df(term)) setDefault(analysis.terms, term, 1.0); });
    [[meta.synonyms, S.synonym_weight], [meta.unit_aliases, S.alias_weight]].forEach(function (pair) {
      expansions(squashed, pair[0], vocab, pair[1]).forEach(function (boost, term) { setDefault(analysis.terms, term, boost); });
    });
    var people = api._people || (api._people = new Set(meta.people));
    analysis.terms.forEach(function (boost, term) { if (people.has(term)) analysis.terms.set(term, boost * S.entity_boost); });
    analysis.people = Array.from(analysis.own).filter(function (t) { return people.has(t); }).sort();
    // Words in a sixth of all records barely rank anything but have the largest shards (query.py).
    var common = Array.from(analysis.terms.keys()).filter(function (t) { return meta.records && vocab.df(t) > S.common * meta.records; });
    if (common.length && common.length < analysis.terms.size) common.forEach(function (t) { analysis.terms.delete(t); });
    analysis.articles.forEach(function (label) { if (vocab.df(label)) analysis.terms.set(label, S.article_term_boost); });
    analysis.units = namedUnits(squashed, meta.unit_aliases, S.unit_min_length);
    analysis.defines = definedTerms(squashed);
    analysis.quantities = askedQuantities(squashed, S.quantity);
    analysis.figures = askedFigures(arabicFigures(full, S.ranges), S.ranges);
    analysis.focus = questionFocus(spaced, analysis.own, S.questions.focus).map(function (w) {
      return [w].concat(meta.synonyms[w] || []);
    });
    analysis.answers = S.questions.kinds.filter(function (q) { return new RegExp(q.ask).test(squashed); })
      .map(function (q) { return q.answer; });
    analysis.highlight = highlightTerms(analysis, squashed, [meta.synonyms, meta.unit_aliases]);
    return analysis;
  }
  // query.highlight_terms(): whole words to mark, never a part of a longer one.
  function highlightTerms(analysis, squashed, tables) {
    var words = new Set();
    analysis.own.forEach(function (t) { if (t.length > 1 || !new RegExp(CJK_CLASS).test(t)) words.add(t); });
    analysis.articles.forEach(function (label) { words.add(label); });  // 第三十四条, however the query wrote it
    tables.forEach(function (table) {
      Object.keys(table).sort().forEach(function (key) {
        if (squashed.indexOf(key) >= 0) table[key].forEach(function (v) { var w = normalise(v); if (w) words.add(w); });
      });
    });
    var all = Array.from(words);
    return all.filter(function (w) { return !all.some(function (o) { return o !== w && o.indexOf(w) >= 0; }); })
      .sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); });
  }
  function questionFocus(full, own, forms) {  // query.question_focus(): 需要回避吗 -> 回避
    var found = [], words = Array.from(own).sort();
    (full.match(new RegExp(CJK_CLASS + "+", "g")) || []).forEach(function (clause) {
      var re = new RegExp("(" + forms.before + ")|(?:" + forms.after + ")", "g"), m;
      while ((m = re.exec(clause))) {
        var part = m[1] ? clause.slice(0, m.index) : clause.slice(m.index + m[0].length), best = null;
        words.forEach(function (t) {
          var at = t.length > 1 ? part.lastIndexOf(t) : -1;
          if (at < 0) return;
          var c = [at + t.length, t.length, t];
          if (!best || c[0] > best[0] || (c[0] === best[0] && (c[1] > best[1] || (c[1] === best[1] && c[2] > best[2])))) best = c;
        });
        if (best && found.indexOf(best[2]) < 0) found.push(best[2]);
      }
    });
    return found;
  }
  function focusShare(recordText, focus) {  // query.focus_share()
    if (!focus.length) return 0;
    return focus.filter(function (words) { return words.some(function (w) { return recordText.indexOf(w) >= 0; }); }).length / focus.length;
  }
  function answerShare(recordText, answers) {  // query.answer_share()
    if (!answers.length) return 0.0;
    return answers.filter(function (a) { return new RegExp(a).test(recordText); }).length / answers.length;
  }

  // query.covered_share(): the share of the query's characters a result accounts for.
  function coveredShare(analysis, text, tables) {
    if (wholePhrase(analysis.segments, text)) return 1.0;
    var words = Array.from(analysis.own).sort().filter(function (t) {
      return (t.length > 1 || !new RegExp(CJK_CLASS).test(t)) && text.indexOf(t) >= 0;
    });
    tables.forEach(function (table) {
      Object.keys(table).sort().forEach(function (key) {
        if (table[key].some(function (v) { return text.indexOf(v) >= 0; })) words.push(key);
      });
    });
    var total = 0, covered = 0;
    analysis.segments.forEach(function (segment) {
      var inside = segment.split("").map(function () { return false; });
      words.forEach(function (word) {
        for (var at = segment.indexOf(word); at >= 0; at = segment.indexOf(word, at + 1)) {
          for (var k = at; k < at + word.length; k++) inside[k] = true;
        }
      });
      total += segment.length;
      covered += inside.filter(Boolean).length;
    });
    return total ? covered / total : 0.0;
  }
  // engine.answers(): does the first result answer the query directly?
  function answers(analysis, results, meta) {
    if (!results.length) return false;
    if (analysis.docNumbers.length) return true;
    var text = squashText(results[0].text) + squashText(results[0].title);
    return coveredShare(analysis, text, [meta.synonyms, meta.unit_aliases]) >= S.no_answer_below;
  }

  function bigrams(segments) {
    var out = [];
    segments.forEach(function (s) { for (var i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2)); });
    return out;
  }
  function phraseCoverage(pairs, text, title) {  // query.phrase_coverage(): the record, or its page's title
    if (!pairs.length) return 0.0;
    var n = 0;
    pairs.forEach(function (p) { if (text.indexOf(p) >= 0 || (title && title.indexOf(p) >= 0)) n++; });
    return n / pairs.length;
  }
  function wholePhrase(segments, text) {
    var joined = segments.join("");
    return joined.length >= 4 && text.indexOf(joined) >= 0 ? 1.0 : 0.0;
  }
  function passes(page, filters) {  // engine.passes()
    return S.filters.every(function (spec) {
      var wanted = filters && filters[spec.field];
      if (!wanted || (spec.kind === "range" && !wanted[0] && !wanted[1])) return true;
      var value = page[spec.field];
      if (spec.kind === "range") {
        var low = wanted[0], high = wanted[1];
        return !(!value || (low && value < low) || (high && value > high));
      }
      if (spec.kind === "contains") return (value || []).indexOf(wanted) >= 0;
      return value === wanted;
    });
  }
  // query.leads(): the record names a unit of the query as the one that leads.
  function leads(recordText, units, forms) {
    return units.some(function (name) {
      return new RegExp(forms.split("{unit}").join(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), "m").test(recordText);
    });
  }
  function finalScore(analysis, lunrScore, coverage, recordText, titleText, label, bonus, inherit, lead, flat) {  // engine.final_score()
    var W = S.weights;
    var pairs = bigrams(analysis.segments);
    var title = phraseCoverage(pairs, titleText);
    var score = W.lunr * lunrScore + W.coverage * coverage
      + W.phrase * phraseCoverage(pairs, recordText, inherit ? titleText : "")
      + W.title * title
      + W.whole * wholePhrase(analysis.segments, recordText)
      + bonus;
    if (label && analysis.articles.indexOf(label) >= 0) score += W.article + W.article_title * title;
    if (analysis.units.length && analysis.units.some(function (n) { return recordText.indexOf(n) >= 0; })) score += W.unit + (lead ? W.unit_lead : 0.0);
    if (analysis.people.length && analysis.people.some(function (n) { return recordText.indexOf(n) >= 0; })) score += W.person;
    if (analysis.defines.length && analysis.defines.some(function (t) { return recordText.indexOf(t + "是指") >= 0; })) score += W.definition;
    if (analysis.quantities.length && hasQuantity(recordText, analysis.quantities)) score += W.quantity;
    score += W.answer * answerShare(recordText, analysis.answers);
    score += W.focus * focusShare(recordText, analysis.focus);
    if (analysis.figures.length && inRange(flat, analysis.figures, S.ranges)) score += W.in_range;
    if (analysis.quoted.length && analysis.quoted.some(function (q) { return recordText.indexOf(squashText(q)) < 0; })) score *= S.quote_penalty;
    return score;
  }
  // engine.title_terms(): the query's terms in the page title, when the query has words beyond it.
  function titleTerms(analysis, title) {
    var inside = new Set();
    analysis.terms.forEach(function (_, t) { if (t.length > 1 && title.indexOf(t) >= 0) inside.add(t); });
    var beyond = Array.from(analysis.own).some(function (t) { return t.length > 1 && title.indexOf(t) < 0; });
    return beyond ? inside : new Set();
  }
  function documentKey(page) { return page.doc_number ? page.issue + " " + page.doc_number : page.url; }  // engine.document_key()
  // engine.below_clause(): a bare page never ranks above a clause of its document matching words beyond its title.
  function belowClause(score, page, clauses, anchor, bonus) {
    if (anchor || bonus) return score;
    var title = squashText(page.title), best = null;
    (clauses.get(documentKey(page)) || []).forEach(function (c) {
      if (Array.from(c[1]).some(function (w) { return title.indexOf(w) < 0; })) best = best === null ? c[0] : Math.max(best, c[0]);
    });
    return best === null ? score : Math.min(score, best * PAGE_UNDER_CLAUSE);
  }
  var PAGE_UNDER_CLAUSE = 0.999;
  function round9(x) { return Math.round(x * 1e9) / 1e9; }
  // A record's ref: segment.page.record in hex (files.ref_text), ordered so.
  function refKey(ref) { return ref.split(".").map(function (x) { return parseInt(x, 16); }); }
  function cmpKey(a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; }
  function pageStatus(meta, key) {  // engine.page(): a page listed in meta.status (even as "") has that status
    var id = key[0].toString(16) + "-" + key[1].toString(16);
    return Object.prototype.hasOwnProperty.call(meta.status, id) ? meta.status[id] : meta.status_default;
  }
  // Each page's cluster and its place among the cluster's pages, from meta.clusters (files.PackPlaces).
  function packPlaces(meta) {
    if (meta._places) return meta._places;
    var seen = new Map();
    meta._places = meta.clusters.map(function (numbers) {
      return numbers.map(function (cluster) {
        var version = seen.get(cluster) || 0;
        seen.set(cluster, version + 1);
        return [cluster, version];
      });
    });
    return meta._places;
  }
  function packName(key) {  // files.PackPlaces.pack_of()
    var place = packPlaces(loaded.meta)[key[0]][key[1]], layout = loaded.meta.pack_layout;
    return "p/" + Math.floor(place[0] / layout[0]).toString(16) + "-" + Math.floor(place[1] / layout[1]).toString(16) +
      "-" + Math.floor(key[2] / layout[2]).toString(16);
  }
  function pageOf(key) { return loaded[packName(key)].pages[key[0].toString(16) + "-" + key[1].toString(16)]; }
  function recordOf(key) {
    return loaded[packName(key)].records[key.map(function (x) { return x.toString(16); }).join(".")];
  }
  // The term file holding a term: the last whose separator sorts at or before it (files.chunk_of()).
  function chunkOf(separators, term) {
    var low = 0, high = separators.length;
    while (high - low > 1) {
      var middle = (low + high) >> 1;
      if (separators[middle] <= term) low = middle; else high = middle;
    }
    return low;
  }

  // ---- engine (engine.py) -----------------------------------------------------------------------
  var shardIndexes = {};
  function shardIndexes_(k) {  // term file k: one lunr index per segment, or null
    var name = "i/" + k;
    if (!shardIndexes[name]) shardIndexes[name] = part(name).then(function (list) {
      return list.map(function (data) { return data ? window.lunr.Index.load(data) : null; });
    });
    return shardIndexes[name];
  }

  function lunrScores(terms, meta) {
    var byShard = {};
    Array.from(terms.keys()).sort().forEach(function (term) {
      var k = chunkOf(meta.chunks, term);
      (byShard[k] = byShard[k] || []).push(term);
    });
    var shards = Object.keys(byShard).map(Number).sort(function (a, b) { return a - b; });
    return Promise.all(shards.map(shardIndexes_)).then(function (lists) {
      var raw = new Map(), matched = new Map();
      lists.forEach(function (list, i) {
        list.forEach(function (index) {
          if (!index) return;
          var present = byShard[shards[i]].filter(function (t) { return Object.prototype.hasOwnProperty.call(index.invertedIndex, t); });
          if (!present.length) return;
          var sum = 0;
          present.forEach(function (t) { sum += terms.get(t) * terms.get(t); });
          var norm = Math.sqrt(sum);
          index.query(function (q) {
            present.forEach(function (t) { q.term(t, { boost: terms.get(t), usePipeline: false, wildcard: window.lunr.Query.wildcard.NONE }); });
          }).forEach(function (hit) {
            raw.set(hit.ref, (raw.get(hit.ref) || 0) + hit.score * norm);
            var set = matched.get(hit.ref) || new Set();
            Object.keys(hit.matchData.metadata).forEach(function (t) { set.add(t); });
            matched.set(hit.ref, set);
          });
        });
      });
      return { raw: raw, matched: matched };
    });
  }

  // The query's analysis with everything it needs loaded: meta.js (with the vocabulary) and lunr.js.
  function prepare(query) {
    return Promise.all([part("meta"), lunrReady()]).then(function (got) {
      var meta = got[0], vocab = new Vocabulary(meta);
      return { meta: meta, vocab: vocab, analysis: analyse(query, meta, vocab) };
    });
  }

  // `paging` (the panel): after the ranked results, the other matches, and `.total` (withRest). Without
  // it, exactly gazette.search.engine's results (tests/search/test_node_parity.py).
  function search(query, k, filters, paging) {
    k = k || 10;
    var meta, vocab, analysis;
    return prepare(query).then(function (prepared) {
      meta = prepared.meta;
      vocab = prepared.vocab;
      analysis = prepared.analysis;
      mark("analysed");
      return lunrScores(analysis.terms, meta);
    }).then(function (scores) {
      mark("scored");
      var bonus = new Map();
      analysis.docNumbers.forEach(function (wanted) {
        meta.doc_numbers.forEach(function (row) {
          var other = { prefix: row[2], year: row[3], number: row[4] };
          if (!docMatches(wanted, other)) return;
          var exact = wanted.prefix === other.prefix && wanted.year === other.year;
          bonus.set(row[1], Math.max(bonus.get(row[1]) || 0, S.doc_number_bonus[exact ? "exact" : "partial"]));
        });
      });
      var ranked = Array.from(scores.raw.entries()).sort(function (a, b) {
        return round9(b[1]) - round9(a[1]) || cmpKey(refKey(a[0]), refKey(b[0]));
      });
      var candidates = new Set(ranked.slice(0, S.rerank_depth).map(function (r) { return r[0]; }));
      bonus.forEach(function (_, ref) { candidates.add(ref); });
      // Every record of a named article is a candidate, however weak its other words (engine.py).
      scores.matched.forEach(function (terms, ref) {
        if (analysis.articles.some(function (label) { return terms.has(label); })) candidates.add(ref);
      });
      // A page whose head ranks: its records matching a query word are candidates (engine.py).
      var heads = new Set();
      ranked.slice(0, S.rerank_depth).forEach(function (r) { var key = refKey(r[0]); if (key[2] === 0) heads.add(key[0] + "." + key[1]); });
      scores.matched.forEach(function (_, ref) { var key = refKey(ref); if (heads.has(key[0] + "." + key[1])) candidates.add(ref); });
      var best = ranked.length ? ranked[0][1] : 0;
      best = best || 1.0;
      var weights = new Map(), totalWeight = 0;
      analysis.terms.forEach(function (boost, t) { weights.set(t, boost * Math.log(1.0 + meta.records / Math.max(1, vocab.df(t)))); });
      Array.from(weights.keys()).sort().forEach(function (t) { totalWeight += weights.get(t); });
      totalWeight = totalWeight || 1.0;
      var refs = Array.from(candidates).sort(function (a, b) { return cmpKey(refKey(a), refKey(b)); });
      // The panel without filters shows every candidate, then the first other matches up to k (withRest()):
      // those are known now, so their packs load with the candidates' (one round trip, not two).
      var early = refs;
      if (paging && !anyFilter(filters)) {
        early = refs.concat(ranked.map(function (r) { return r[0]; }).filter(function (ref) { return !candidates.has(ref); })
          .slice(0, Math.max(0, k - refs.length)));
      }
      var names = Array.from(new Set(early.map(function (r) { return packName(refKey(r)); })));
      return Promise.all(names.map(part)).then(function () {
        mark("records");
        var scored = [], clauses = new Map();
        refs.forEach(function (ref) {
          var key = refKey(ref), page = pageOf(key);
          if (page.status === undefined) page.status = pageStatus(meta, key);
          if (!passes(page, filters)) return;
          var record = recordOf(key), title = squashText(page.title);
          var inherited = titleTerms(analysis, title), own = scores.matched.get(ref) || new Set();
          var hit = new Set(own);
          inherited.forEach(function (t) { hit.add(t); });
          var matchedSum = 0;
          Array.from(hit).sort().forEach(function (t) { matchedSum += weights.get(t) || 0; });
          var score = finalScore(analysis, (scores.raw.get(ref) || 0) / best, matchedSum / totalWeight,
            squashText(record[2]), title, record[1], bonus.get(ref) || 0, inherited.size > 0,
            analysis.units.length > 0 && leads(normalise(record[2]), analysis.units, S.lead_forms),
            analysis.figures.length ? normalise(record[2]) : "") * record[3];
          scored.push([score, key, ref]);
          if (record[0]) {
            var words = new Set(Array.from(own).filter(function (t) { return t.length > 1 && analysis.own.has(t); }));
            var doc = documentKey(page);
            if (!clauses.has(doc)) clauses.set(doc, []);
            clauses.get(doc).push([score, words]);
          }
        });
        scored = scored.map(function (s) {
          return [belowClause(s[0], pageOf(s[1]), clauses, recordOf(s[1])[0], bonus.get(s[2]) || 0), s[1], s[2]];
        });
        scored.sort(function (a, b) { return round9(b[0]) - round9(a[0]) || cmpKey(a[1], b[1]); });
        if (!paging) {
          var out = scored.slice(0, k).map(function (s) { return result(s[2], s[0], analysis); });
          out.answered = answers(analysis, out, meta);
          return out;
        }
        return withRest(scored, ranked, candidates, k, filters, analysis).then(function (all) {
          all.answered = answers(analysis, all, meta);
          return all;
        });
      });
    });
  }

  // The reranked candidates first, then every other matching record in lunr's order (paging past the
  // first screen keeps what was shown). `.total` is the number of matching records that pass the
  // filters, not the cap: with filters, or when more are asked for, the other records' packs load.
  function anyFilter(filters) {
    return Object.keys(filters || {}).some(function (f) { var v = filters[f]; return Array.isArray(v) ? v.some(Boolean) : !!v; });
  }
  function withRest(scored, ranked, candidates, k, filters, analysis) {
    var rest = ranked.map(function (r) { return r[0]; }).filter(function (ref) { return !candidates.has(ref); });
    var out = scored.slice(0, k).map(function (s) { return result(s[2], s[0], analysis); });
    var filtering = anyFilter(filters);
    // Without filters every other match counts, so only the packs of the records shown load; with
    // filters each page's facts decide whether it counts, so every other match's pack loads.
    var shownRest = filtering ? rest : rest.slice(0, Math.max(0, k - out.length));
    if (!filtering && !shownRest.length) { out.total = scored.length + rest.length; return Promise.resolve(out); }
    var names = Array.from(new Set(shownRest.map(function (r) { return packName(refKey(r)); })));
    return Promise.all(names.map(part)).then(function () {
      var passing = !filtering ? rest : rest.filter(function (ref) {
        var key = refKey(ref), page = pageOf(key);
        if (page.status === undefined) page.status = pageStatus(loaded.meta, key);
        return passes(page, filters);
      });
      passing.slice(0, Math.max(0, k - out.length)).forEach(function (ref) { out.push(result(ref, 0, analysis)); });
      out.total = scored.length + passing.length;
      return out;
    });
  }

  function result(ref, score, analysis) {
    var key = refKey(ref), page = pageOf(key), record = recordOf(key);
    if (page.status === undefined) page.status = pageStatus(loaded.meta, key);
    return {
      url: page.url + (record[0] ? "#" + record[0] : ""), title: page.title, doc_number: page.doc_number,
      label: record[1], text: record[2], score: score, page: page,
      terms: analysis.highlight
    };
  }

  api.search = search;
  // For tests comparing this engine with the Python one (query.analyse): terms with their boosts.
  api.analyse = function (q) {
    return prepare(q).then(function (p) {
      var a = p.analysis, terms = {};
      Array.from(a.terms.keys()).sort().forEach(function (t) { terms[t] = a.terms.get(t); });
      return { terms: terms, segments: a.segments, articles: a.articles, units: a.units, defines: a.defines,
        quantities: a.quantities };
    });
  };
  api.answered = function (q, k, filters) {
    return search(q, k || 10, filters).then(function (results) { return results.answered; });
  };
  api.query = function (q, k, filters) {
    return search(q, k || 10, filters).then(function (results) {
      return results.map(function (r) { return { url: r.url, title: r.title, doc_number: r.doc_number, text: r.text, label: r.label, score: r.score }; });
    });
  };

  // ---- UI -------------------------------------------------------------------------------------
  var input = document.getElementById("gz-search-input");
  if (!input) return;
  var panel = document.getElementById("gz-search-panel");
  var box = document.getElementById("gz-search-results");
  var status = document.getElementById("gz-search-status");
  var filterBox = document.getElementById("gz-search-filters");
  var toggle = document.getElementById("gz-search-toggle");
  var sortBox = document.getElementById("gz-search-sort");
  var moreButton = document.getElementById("gz-search-more");
  var allLink = document.getElementById("gz-search-all");
  // The results page (results/?q=): the same panel, inside the page and always open.
  var pageBox = document.getElementById("gz-search-page");
  if (pageBox && panel) { pageBox.appendChild(panel); panel.classList.add("gz-search__panel--page"); }
  var PAGE = 30;  // results per screen; 加载更多 asks for the next PAGE
  var limit = PAGE;
  var filters = {};  // field -> value (equals) or [from, to] (range): built from the settings
  var generation = 0;
  var ran = null, shown = null, current = Promise.resolve();  // query last run, query on screen, its promise

  function idle(fn) {
    if ("requestIdleCallback" in window) requestIdleCallback(fn, { timeout: 1500 }); else setTimeout(fn, 300);
  }

  // An idle moment of any page (or focus on the box) loads meta.js, with the vocabulary, and lunr.js:
  // with them a query waits only for its own term files and records.
  function warm() {
    var quiet = function () {};
    lunrReady().catch(quiet);
    part("meta").catch(quiet);
  }

  // After the first result, idle time loads all record packs and term files of a small archive
  // (meta.prefetch, decided by the indexer): later keystrokes then make no request at all. A larger
  // archive loads only what each query needs. Three at a time (browsers open six connections per
  // host), so a query typed meanwhile is not queued behind them.
  var prefetching = false;
  function prefetchAll() {
    if (prefetching || !loaded.meta) return;
    prefetching = true;
    var meta = loaded.meta, names = [];
    if (!meta.prefetch) return;
    (meta.packs || []).forEach(function (name) { names.push("p/" + name); });
    for (var k = 0; k < meta.chunks.length; k++) names.push("i/" + k);
    var next = function () { var name = names.shift(); if (name) part(name).then(next, next); };
    next();
    next();
    next();
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  function termPattern(terms) {
    var parts = terms.filter(function (t) { return t.length > 1 || /[0-9a-z]/.test(t); })
      .sort(function (a, b) { return b.length - a.length; })
      .map(function (t) { return t.split("").map(function (c) { return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("\\s*"); });
    return parts.length ? new RegExp(parts.join("|"), "gi") : null;
  }

  function snippetHtml(text, terms, label) {
    var flat = text.replace(/\s+/g, " ").trim(), pattern = termPattern(terms), start = 0, width = 110;
    var bare = (label || "").replace(/\s+/g, "");
    if (bare && flat.replace(/\s+/g, "").indexOf(bare) === 0) flat = flat.slice(label.length).trim();  // shown beside it
    if (pattern) {
      var m = pattern.exec(flat);
      if (m) start = Math.max(0, m.index - 30);
    }
    var piece = flat.slice(start, start + width);
    var html = escapeHtml(piece);
    if (pattern) {
      pattern.lastIndex = 0;
      html = "";
      var at = 0, m2;
      while ((m2 = pattern.exec(piece))) {
        html += escapeHtml(piece.slice(at, m2.index)) + "<mark>" + escapeHtml(m2[0]) + "</mark>";
        at = m2.index + m2[0].length;
        if (!m2[0].length) pattern.lastIndex++;
      }
      html += escapeHtml(piece.slice(at));
    }
    return (start > 0 ? "…" : "") + html + (start + width < flat.length ? "…" : "");
  }

  // engine.label_place(): the part of the label the text does not repeat.
  function labelPlace(label, text) {
    var bare = label.replace(/\s+/g, ""), flat = text.replace(/\s+/g, "");
    for (var cut = 0; cut < bare.length; cut++) {
      if (flat.indexOf(bare.slice(cut)) === 0) {
        for (var at = 0, kept = 0; at < label.length; at++) {
          if (kept === cut) return label.slice(0, at).trim();
          if (!/\s/.test(label.charAt(at))) kept++;
        }
      }
    }
    return label;
  }

  function href(url, terms) {
    var parts = url.split("#"), path = parts[0];
    if (location.protocol === "file:" && (path === "" || path.slice(-1) === "/")) path += "index.html";
    // Longest words first, none that a chosen one contains (第三十四条, not also 第三十 三十四 四条 …).
    var chosen = [];
    terms.filter(function (t) { return t.length > 1; }).sort(function (x, y) { return y.length - x.length; })
      .forEach(function (t) { if (!chosen.some(function (c) { return c.indexOf(t) >= 0; })) chosen.push(t); });
    var words = chosen.slice(0, 8).join(" ");
    return root + path + (words ? "?h=" + encodeURIComponent(words) : "") + (parts[1] ? "#" + parts[1] : "");
  }

  function byDate(results) {  // newest 成文日期 first; undated last; ties keep relevance order
    return results.map(function (r, i) { return [r, i]; }).sort(function (a, b) {
      var x = a[0].page.date || "", y = b[0].page.date || "";
      return x === y ? a[1] - b[1] : (x < y ? 1 : -1);
    }).map(function (p) { return p[0]; });
  }

  function render(results, query) {
    var total = results.total === undefined ? results.length : results.total;
    var sorted = sortBox && sortBox.value === "date";
    if (sorted) results = byDate(results).slice(0, limit);
    moreButton.hidden = results.length >= total;
    if (allLink) {
      allLink.hidden = !!pageBox;
      allLink.setAttribute("href", allLink.getAttribute("href").split("?")[0] + "?q=" + encodeURIComponent(query));
    }
    if (!results.length) {
      box.innerHTML = '<p class="gz-search__empty">没有找到与“' + escapeHtml(query) + '”相关的内容。可以换用其他词语，或去掉筛选条件。</p>';
      status.textContent = "";
      return;
    }
    var groups = [], byUrl = new Map();
    results.forEach(function (r) {
      var g = byUrl.get(r.page.url);
      if (!g) { g = { page: r.page, hits: [] }; byUrl.set(r.page.url, g); groups.push(g); }
      g.hits.push(r);
    });
    var html = "";
    if (!results.answered) {
      // Nothing covers the query well: say so, and offer the closest documents before the passages.
      html += '<p class="gz-search__empty gz-search__weak">未找到与“' + escapeHtml(query) + '”直接相关的条款。最接近的文件：' +
        groups.slice(0, 3).map(function (g) { return escapeHtml(g.page.title); }).join("；") + "</p>";
    }
    groups.forEach(function (g) {
      var p = g.page;
      var meta = [p.doc_number, p.issue_label, p.status !== loaded.meta.status_default ? p.status : ""].filter(Boolean).join(" · ");
      var gid = "gz-grp-" + groups.indexOf(g);
      html += '<section class="gz-group" role="group" aria-labelledby="' + gid + '"><div class="gz-group__title" id="' + gid + '">' +
        escapeHtml(p.title) + '<span class="gz-meta">' + escapeHtml(meta) + "</span></div>";
      g.hits.forEach(function (r) {
        // One snippet per clause, nothing said twice: a label that runs into the text keeps only its place.
        // (Only when the snippet shows the text from its start: else the full label says where it is.)
        var label = r.label || "", place = labelPlace(label, r.text), snippet = snippetHtml(r.text, r.terms, place);
        if (snippet.charAt(0) === "…") snippet = snippetHtml(r.text, r.terms, label); else label = place;
        html += '<a class="gz-hit" role="option" id="gz-opt-' + results.indexOf(r) + '" href="' + escapeHtml(href(r.url, r.terms)) + '">' +
          (label ? '<span class="gz-hit__where">' + escapeHtml(label) + "</span>" : "") +
          '<span class="gz-hit__snippet">' + snippet + "</span></a>";
      });
      html += "</section>";
    });
    box.innerHTML = html;
    status.textContent = "共 " + total + " 条结果（" + (sorted ? "按日期，新的在前" : "按相关度") + "）" +
      (results.length < total ? "，显示前 " + results.length + " 条" : "");
  }

  // 2020-06-30, 2020/6/30, 2020.6.30, 2020年6月30日; a month or a year alone is its first (or, for 止, last) day.
  // "" for an empty field, null for one that is not a date.
  function isoDate(text, last) {
    var t = text.trim();
    if (!t) return "";
    var m = t.match(/^(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*年?$/);
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] : (last ? 12 : 1);
    var d = m[3] ? +m[3] : (last ? new Date(Date.UTC(y, mo, 0)).getUTCDate() : 1);
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (mo < 1 || mo > 12 || date.getUTCMonth() !== mo - 1) return null;
    return date.toISOString().slice(0, 10);
  }

  function activeFilters() {
    return Object.keys(filters).filter(function (f) { var v = filters[f]; return Array.isArray(v) ? v.some(Boolean) : !!v; }).length;
  }
  function showToggle() {
    var n = activeFilters();
    toggle.textContent = n ? "筛选（" + n + "）" : "筛选";
  }
  if (toggle) toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    filterBox.classList.toggle("gz-open", open);
  });
  if (sortBox) sortBox.addEventListener("change", function () { run(); });
  if (moreButton) moreButton.addEventListener("click", function () { limit += PAGE; run(true); });

  // One control per filter of the settings (settings.json "filters"): a new filter field there is a
  // new control here, with no code change. equals -> <select> of the facet's values; range -> two dates.
  function buildFilters(meta) {
    if (filterBox.childElementCount) return;
    meta.settings.filters.forEach(function (spec) {
      if (spec.kind === "range") {
        var group = document.createElement("fieldset");
        group.className = "gz-search__range";
        var legend = document.createElement("legend");
        legend.textContent = spec.label;
        group.appendChild(legend);
        var value = filters[spec.field] = ["", ""];
        [["起", 0], ["止", 1]].forEach(function (end) {
          var label = document.createElement("label");
          var field = document.createElement("input");
          field.type = "text";
          field.inputMode = "numeric";
          field.placeholder = "年-月-日";
          field.size = 10;
          field.setAttribute("aria-label", spec.label + end[0]);
          // Applied when the field is left (any notation isoDate reads), or as soon as a whole date is typed.
          var apply = function (typing) {
            if (typing && field.value && !/^\d{4}-\d{2}-\d{2}$/.test(field.value.trim())) return;
            var iso = isoDate(field.value, end[1] === 1);
            field.setAttribute("aria-invalid", iso === null ? "true" : "false");
            field.title = iso === null ? "请按 年-月-日 填写，如 2020-06-30" : "";
            if (iso === null || iso === value[end[1]]) return;
            value[end[1]] = iso;
            if (!typing) field.value = iso;
            run();
          };
          field.addEventListener("change", function () { apply(false); });
          field.addEventListener("input", function () { apply(true); });
          label.appendChild(document.createTextNode(end[0] + " "));
          label.appendChild(field);
          group.appendChild(label);
        });
        filterBox.appendChild(group);
        return;
      }
      var options = (meta.facets[spec.options] || []).map(function (o) { return Array.isArray(o) ? o : [o, o]; });
      if (spec.hide_single && options.length < 2) return;  // e.g. 效力状态 while every page is 有效
      var select = document.createElement("select");
      select.setAttribute("aria-label", spec.label);
      select.innerHTML = '<option value="">' + escapeHtml(spec.label) + "</option>" + options.map(function (o) {
        return '<option value="' + escapeHtml(o[0]) + '">' + escapeHtml(o[1]) + "</option>";
      }).join("");
      filters[spec.field] = "";
      select.addEventListener("change", function () { filters[spec.field] = select.value; run(); });
      filterBox.appendChild(select);
    });
  }

  function open(show) {
    if (pageBox) show = true;  // the results page: the panel is the page
    panel.hidden = !show;
    input.setAttribute("aria-expanded", show ? "true" : "false");
    if (!show) input.removeAttribute("aria-activedescendant");
  }

  // The address follows the query (replaceState), so a search can be shared and Back returns to it.
  function syncAddress(query) {
    try {
      var url = new URL(location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    } catch (e) { /* some file:// setups refuse; the search still works */ }
  }

  function run(more) {
    var query = input.value;
    if (more !== true) limit = PAGE;  // a new query or filter starts at the first screen again
    if (toggle) showToggle();
    var mine = ++generation;
    ran = query;
    syncAddress(query);
    input.removeAttribute("aria-activedescendant");
    mark("start");
    if (!query.trim()) {
      box.innerHTML = ""; status.textContent = pageBox ? "在上方搜索框输入词语、文号或单位名称。" : "";
      moreButton.hidden = true; box.setAttribute("data-state", "done"); open(false);
      shown = query; current = Promise.resolve(); return;
    }
    open(true);
    box.setAttribute("data-state", "loading");
    part("meta").then(buildFilters).catch(function () {});
    // Sorted by date, every result is ranked (the newest may be the least relevant), then shown by screens.
    var wanted = sortBox && sortBox.value === "date" ? 100000 : limit;
    current = search(query, wanted, filters, true).then(function (results) {
      if (mine !== generation || input.value !== query) return;  // a newer query owns the box
      mark("ranked");
      render(results, query);
      shown = query;
      box.setAttribute("data-state", "done");
      mark("shown");
      idle(prefetchAll);
    }).catch(function (error) {
      if (mine !== generation || input.value !== query) return;
      box.innerHTML = '<p class="gz-search__empty">检索暂时不可用：' + escapeHtml(error.message) + "</p>";
      shown = query;
      box.setAttribute("data-state", "done");
    });
  }

  // No debounce: every keystroke searches at once (parts already loaded make it a few
  // milliseconds), and a result that arrives after the box has changed is dropped (run()).
  input.addEventListener("input", run);
  input.addEventListener("focus", function () { warm(); if (input.value.trim()) open(true); });

  function hits() { return Array.prototype.slice.call(box.querySelectorAll("a.gz-hit")); }
  function select(step) {
    var all = hits();
    if (!all.length) return;
    var at = all.findIndex(function (a) { return a.getAttribute("aria-selected") === "true"; });
    if (at >= 0) all[at].removeAttribute("aria-selected");
    at = at < 0 ? (step > 0 ? 0 : all.length - 1) : (at + step + all.length) % all.length;
    all[at].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", all[at].id);
    all[at].scrollIntoView({ block: "nearest" });
  }
  // Enter opens the chosen or first result of the query in the box: if its results are not on screen
  // yet (typed or pasted just now), run it and wait, never open a stale result.
  function enter() {
    var query = input.value;
    var chosen = box.querySelector('a.gz-hit[aria-selected="true"]');
    if (chosen && shown === query) { location.href = chosen.href; return; }
    if (!query.trim()) return;
    if (ran !== query || shown !== query && box.getAttribute("data-state") !== "loading") run();
    var mine = generation;
    current.then(function () {
      var first = hits()[0];
      if (mine === generation && input.value === query && shown === query && first) location.href = first.href;
    });
  }
  input.form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("keydown", function (event) {
    if (event.isComposing || event.keyCode === 229) return;  // IME: Enter confirms the composition
    if (event.key === "ArrowDown") { event.preventDefault(); select(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); select(-1); }
    else if (event.key === "Enter") { event.preventDefault(); enter(); }
    else if (event.key === "Escape") { open(false); input.blur(); }
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || "");
    if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!panel.hidden && !event.target.closest(".gz-search")) open(false);
  });

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
  // Warm up while the reader reads: the first query then only waits for its own shards.
  idle(warm);
})();
