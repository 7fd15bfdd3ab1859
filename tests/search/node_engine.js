// Runs the browser's search engine (gazette/site/assets/search.js) in Node against a built site's
// search files, for tests/search/test_node_parity.py. The script tags search.js creates are served
// from the site folder; lunr is the copy the build ships as the site's assets/lunr.min.js.
//
//   node tests/search/node_engine.js SITE QUERIES.json K  ->  JSON [{query, terms, results: [[url, score]]}]
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { pathToFileURL } = require("url");

const [site, queriesFile, k] = process.argv.slice(2);
const repo = path.resolve(__dirname, "..", "..");
const siteRoot = path.resolve(site);

function scriptElement() {
  return { set src(url) { this._src = url; }, get src() { return this._src; } };
}
const head = {
  appendChild(el) {
    setImmediate(() => {
      let file = decodeURIComponent(new URL(el.src).pathname);
      // lunr as the build ships it into every site (an index-only test site has no assets/).
      if (file.endsWith("/assets/lunr.min.js")) file = path.join(repo, "gazette", "site", "assets", "lunr.min.js");
      let code;
      try { code = fs.readFileSync(file, "utf8"); } catch (e) { if (el.onerror) el.onerror(e); return; }
      vm.runInThisContext(code, { filename: file });
      if (el.onload) el.onload();  // lunr.min.js (the site's own copy) sets window.lunr
    });
  },
};
globalThis.window = globalThis;
globalThis.location = new URL(pathToFileURL(path.join(siteRoot, "index.html")).href);
globalThis.document = {
  head,
  querySelector: () => null,
  getElementById: () => null,
  createElement: () => scriptElement(),
  addEventListener: () => {},
};
vm.runInThisContext(fs.readFileSync(path.join(repo, "gazette", "site", "assets", "search.js"), "utf8"));

(async () => {
  const input = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  const out = [];
  for (const item of input) {
    const query = typeof item === "string" ? item : item.query;
    const filters = typeof item === "string" ? undefined : item.filters;
    const analysis = await window.gazetteSearch.analyse(query);
    const results = await window.gazetteSearch.query(query, Number(k), filters);
    const answered = await window.gazetteSearch.answered(query, Number(k), filters);
    out.push({ query, terms: analysis.terms, articles: analysis.articles, units: analysis.units,
      defines: analysis.defines, answered, results: results.map((r) => [r.url, r.score]) });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e && e.stack || e) + "\n"); process.exit(1); });
