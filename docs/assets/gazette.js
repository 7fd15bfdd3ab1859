/* Page behaviour: copy an anchor's link; highlight the words a search landed on. */
(function () {
  "use strict";
  // Opened from disk, directory URLs need an explicit index.html.
  if (location.protocol === "file:") {
    document.querySelectorAll('a[href]').forEach(function (a) {
      var href = a.getAttribute("href");
      if (!href || /^[a-z]+:/i.test(href) || href.charAt(0) === "#") return;
      var parts = href.split("#");
      if (parts[0] === "" ) return;
      if (parts[0].slice(-1) === "/") a.setAttribute("href", parts[0] + "index.html" + (parts[1] ? "#" + parts[1] : ""));
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.gz-copy");
    if (!link) return;
    event.preventDefault();
    var url = location.href.split("#")[0] + link.getAttribute("href");
    history.replaceState(null, "", link.getAttribute("href"));
    var done = function () { link.setAttribute("data-copied", ""); link.title = "已复制链接"; };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, done);
    else done();
  });

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

  function markText(root, pattern) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      pattern.lastIndex = 0;
      if (!pattern.test(text)) return;
      var frag = document.createDocumentFragment(), at = 0, m;
      pattern.lastIndex = 0;
      while ((m = pattern.exec(text))) {
        if (m.index > at) frag.appendChild(document.createTextNode(text.slice(at, m.index)));
        var mark = document.createElement("mark");
        mark.className = "gz-mark";
        mark.textContent = m[0];
        frag.appendChild(mark);
        at = m.index + m[0].length;
        if (m[0].length === 0) pattern.lastIndex++;
      }
      if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", highlight);
  else highlight();
  window.addEventListener("hashchange", highlight);
})();
