/* Task ledgers (任务台账): sort by any column, filter by state, role, unit, document, deadline window and
   words. Plain script, no network: works over http and from file://. Rows carry their filter values
   as data-* attributes and cells their sort keys as data-v (ISO dates sort as text). */
(function () {
  "use strict";

  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent.trim();
  }

  function setup(tools) {
    var wrap = tools.nextElementSibling;
    var table = wrap && wrap.querySelector("table.gz-ledger");
    if (!table || !table.tBodies.length) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var count = tools.querySelector(".gz-ledger-count");
    var controls = Array.prototype.slice.call(tools.querySelectorAll("[data-filter]"));

    function apply() {
      var f = {};
      controls.forEach(function (c) { f[c.getAttribute("data-filter")] = c.value.trim(); });
      var words = (f.q || "").toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var d = row.dataset;
        var text = words.length ? row.textContent.toLowerCase() : "";
        var ok = (!f.state || d.state === f.state) && (!f.role || (d.role || "").split("|").indexOf(f.role) >= 0) &&
          (!f.unit || (d.units || "").split("|").indexOf(f.unit) >= 0) && (!f.doc || d.doc === f.doc) &&
          (!f.from || (d.date && d.date >= f.from)) && (!f.to || (d.date && d.date <= f.to)) &&
          words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = "显示 " + shown + " / " + rows.length + " 项";
    }

    controls.forEach(function (c) {
      c.addEventListener("input", apply);
      c.addEventListener("change", apply);
    });

    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gz-sort";
      button.textContent = th.textContent;
      button.title = "按此列排序";
      // Chromium does not paint a button in the header row it repeats on printed pages: print a label.
      var printed = document.createElement("span");
      printed.className = "gz-print-only";
      printed.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.appendChild(printed);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var kind = th.getAttribute("data-sort");
        var keyed = rows.map(function (row, i) { return { row: row, key: cellKey(row, index), i: i }; });
        keyed.sort(function (a, b) {
          var r;
          if (kind === "num") r = (parseFloat(a.key) || 0) - (parseFloat(b.key) || 0);
          else if (kind === "date") r = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
          else r = a.key.localeCompare(b.key, "zh-Hans-CN");
          return (ascending ? r : -r) || a.i - b.i;
        });
        keyed.forEach(function (k) { body.appendChild(k.row); });
      });
    });

    tools.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".gz-ledger-tools"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
