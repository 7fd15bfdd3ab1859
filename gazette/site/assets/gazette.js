/* Page behaviour: copy an anchor's link; highlight the words a search landed on. */
(function () {
  "use strict";
  // Opened from disk, directory URLs need an explicit index.html (".", "..", "../.." and "x/" alike),
  // or the logo, 首页 and breadcrumbs open a directory listing.
  function fileUrl(url) {
    var parts = url.split("#"), path = parts[0], rest = "";
    if (!path || /^[a-z]+:/i.test(path) || path.charAt(0) === "/") return url;
    var q = path.indexOf("?");
    if (q >= 0) { rest = path.slice(q); path = path.slice(0, q); }
    if (path === "." || path === ".." || /\/\.\.?$/.test(path)) path += "/";
    if (path.slice(-1) === "/") path += "index.html";
    return path + rest + (parts.length > 1 ? "#" + parts.slice(1).join("#") : "");
  }
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", fileUrl(a.getAttribute("href"))); });
    document.querySelectorAll("form[action]").forEach(function (f) { f.setAttribute("action", fileUrl(f.getAttribute("action"))); });
  }
  window.gazettePage = { fileUrl: fileUrl };

  // Copy a clause: the link at once, then a small panel beside the control says 已复制链接 and offers the
  // citation as civil servants write it: 《文件》第十一条（文号） and the link. A live region says what
  // was copied (screen readers); Escape or a click elsewhere closes the panel.
  var live = null, panel = null;
  function say(text) {
    if (!live) {
      live = document.createElement("div");
      live.className = "gz-live";
      live.setAttribute("aria-live", "polite");
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 30);  // a change, even when the same text again
  }
  function copyText(text, done) {
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, done);
    else done();
  }
  function citation(link, url) {
    var card = document.querySelector("article .gz-card[data-cite-title]");
    if (!card) return url;
    var number = card.getAttribute("data-cite-number");
    return "《" + card.getAttribute("data-cite-title") + "》" + (link.getAttribute("data-cite") || "") +
      (number ? "（" + number + "）" : "") + " " + url;
  }
  function closePanel() { if (panel) { panel.remove(); panel = null; } }
  function showPanel(link, url) {
    closePanel();
    panel = document.createElement("span");
    panel.className = "gz-copied";
    var note = document.createElement("span");
    note.textContent = "已复制链接";
    panel.appendChild(note);
    if (document.querySelector("article .gz-card[data-cite-title]")) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gz-cite-copy";
      button.textContent = "复制引用";
      button.title = "复制为“《文件名》条款（文号）”加链接";
      button.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        var text = citation(link, url);
        copyText(text, function () { note.textContent = "已复制引用"; say("已复制引用：" + text); });
      });
      panel.appendChild(button);
    }
    link.insertAdjacentElement("afterend", panel);
  }

  document.addEventListener("click", function (event) {
    if (panel && !(event.target.closest && event.target.closest(".gz-copied"))) closePanel();
    var link = event.target.closest && event.target.closest("a.gz-copy");
    if (!link) return;
    event.preventDefault();
    // The clean clause URL: no ?h= highlight terms or ?q= query, only the page and the anchor.
    var page = location.href.split("#")[0].split("?")[0];
    var url = page + link.getAttribute("href");
    history.replaceState(null, "", url);
    copyText(url, function () {
      link.setAttribute("data-copied", "");
      link.title = "已复制链接";
      showPanel(link, url);
      say("已复制链接");
    });
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") closePanel(); });

  // ?h=词1 词2 (set by search results): mark the words inside the target section and flash it.
  function highlight() {
    var params = new URLSearchParams(location.search);
    var words = (params.get("h") || "").split(/\s+/).filter(function (w) { return w.length > 0; });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var scope = [];
    if (target) {
      scope.push(target);
      var level = /^H[1-6]$/.test(target.tagName) ? +target.tagName.charAt(1) : 7;
      for (var el = target.nextElementSibling; el; el = el.nextElementSibling) {
        if (/^H[1-6]$/.test(el.tagName) && +el.tagName.charAt(1) <= level) break;
        scope.push(el);
      }
      target.classList.add("gz-flash");
    } else {
      var article = document.querySelector("article");
      if (article) scope.push(article);
    }
    if (!words.length) return;
    words.sort(function (a, b) { return b.length - a.length; });
    var pattern = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "g");
    scope.forEach(function (root) { markText(root, pattern); });
  }

  // A number is marked whole or not at all: 第三十 (from 第三十四条) does not mark the start of 第三十五条.
  var NUMERAL = /[0-9零〇一二三四五六七八九十百千万两]/;
  function splitsNumber(text, start, end) {
    return (NUMERAL.test(text.charAt(end - 1)) && NUMERAL.test(text.charAt(end))) ||
      (NUMERAL.test(text.charAt(start)) && start > 0 && NUMERAL.test(text.charAt(start - 1)));
  }

  function markText(root, pattern) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue, runs = [], m;
      pattern.lastIndex = 0;
      while ((m = pattern.exec(text))) {
        if (m[0].length === 0) { pattern.lastIndex++; continue; }
        var last = runs[runs.length - 1];  // adjacent words join: 第三十 + 四条 = 第三十四条
        if (last && last[1] === m.index) last[1] += m[0].length; else runs.push([m.index, m.index + m[0].length]);
      }
      runs = runs.filter(function (r) { return !splitsNumber(text, r[0], r[1]); });
      if (!runs.length) return;
      var frag = document.createDocumentFragment(), at = 0;
      runs.forEach(function (r) {
        if (r[0] > at) frag.appendChild(document.createTextNode(text.slice(at, r[0])));
        var mark = document.createElement("mark");
        mark.className = "gz-mark";
        mark.textContent = text.slice(r[0], r[1]);
        frag.appendChild(mark);
        at = r[1];
      });
      if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
  }


  // Phones and narrow windows (below 76.25em Material hides the right-hand 目录): the same 目录 as a
  // disclosure at the top of the page, so a reader can jump within a long plan.
  function pageToc() {
    var source = document.querySelector(".md-sidebar--secondary .md-nav--secondary > ul.md-nav__list");
    var article = document.querySelector("article.md-content__inner");
    if (!source || !article || source.querySelectorAll("a.md-nav__link").length < 3 || article.querySelector(".gz-page-toc")) return;
    function list(ul) {
      var out = document.createElement("ul");
      Array.prototype.forEach.call(ul.children, function (li) {
        var a = li.querySelector(":scope > a.md-nav__link");
        if (!a) return;
        var item = document.createElement("li"), link = document.createElement("a");
        link.href = a.getAttribute("href");
        link.textContent = a.textContent.replace(/\s+/g, " ").trim();
        item.appendChild(link);
        var sub = li.querySelector(":scope > nav > ul");
        if (sub) item.appendChild(list(sub));
        out.appendChild(item);
      });
      return out;
    }
    var box = document.createElement("details"), summary = document.createElement("summary"), nav = document.createElement("nav");
    box.className = "gz-page-toc";
    summary.textContent = "本页目录";
    nav.setAttribute("aria-label", "本页目录");
    nav.appendChild(list(source));
    box.appendChild(summary);
    box.appendChild(nav);
    nav.addEventListener("click", function (event) { if (event.target.closest("a")) box.open = false; });
    var title = article.querySelector("h1");
    article.insertBefore(box, title ? title.nextSibling : article.firstChild);
  }

  // Table cells holding a name, a 文号, a date or an issue must not break mid-word (杨慧/新, 〔2020〕20/号).
  var WHOLE = /^(?:[\u4e00-\u9fff·]{1,5}|.{0,12}〔\d{4}〕\d+号|\d{4}-\d{2}(?:-\d{2})?|\d{4}年第\d+期|\d+)$/;
  function tableCells() {
    document.querySelectorAll("table.gz-list td").forEach(function (td) {
      if (WHOLE.test(td.textContent.trim())) td.classList.add("gz-nowrap");
    });
  }

  // Printed, a document page names its address under the metadata card (the clean URL, no ?h=).
  function printUrl() {
    var card = document.querySelector("article .gz-card");
    if (!card || document.querySelector(".gz-print-url")) return;
    var line = document.createElement("p");
    line.className = "gz-print-only gz-print-url";
    line.textContent = "本页网址：" + location.href.split("#")[0].split("?")[0];
    card.insertAdjacentElement("afterend", line);
  }

  // A table wider than the screen scrolls in its box: the box takes keyboard focus (arrow keys scroll it).
  function scrollableTables() {
    // Each region is named by its place on the page: landmarks of one page need names of their own.
    document.querySelectorAll(".gz-table-wrap").forEach(function (wrap, index) {
      if (wrap.scrollWidth <= wrap.clientWidth + 1 || wrap.hasAttribute("tabindex")) return;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "第" + (index + 1) + "个表格（可左右滚动）");
    });
  }

  function ready() { pageToc(); tableCells(); scrollableTables(); printUrl(); highlight(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  window.addEventListener("hashchange", highlight);
})();
