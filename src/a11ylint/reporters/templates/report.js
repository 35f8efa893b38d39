(function () {
  "use strict";
  // Draws the pages from the JSON block, a screenful at a time, so 100,000
  // findings never become one huge DOM. Page data only ever reaches the
  // document through textContent and checked URLs; never through innerHTML.
  // shown only where the script never runs (a viewer whose CSP blocks it)
  var note = document.getElementById("script-note");
  if (note) { note.parentNode.removeChild(note); }
  var dataEl = document.getElementById("report-data");
  var app = document.getElementById("app");
  var form = document.getElementById("filters");
  if (!dataEl || !app || !form) { return; }

  // large runs arrive gzipped and base64-encoded (see encode_data in html.py)
  function load(done) {
    var text = dataEl.textContent;
    if (dataEl.getAttribute("data-encoding") !== "gzip+base64") { done(JSON.parse(text)); return; }
    app.textContent = "Loading findings…";
    var bin = atob(text.trim()), bytes = new Uint8Array(bin.length);
    for (var k = 0; k < bin.length; k++) { bytes[k] = bin.charCodeAt(k); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (json) { done(JSON.parse(json)); }, function (err) {
      app.textContent = "The findings could not be unpacked in this browser: " + err;
    });
  }
  load(init);

  function init(D) {
    var SEV = ["error", "warning"];
    var PAGE_SIZE = 50;
    var FIND_STEP = 200;

    function $(id) { return document.getElementById(id); }
    var ui = {
      e: $("f-sev-error"), w: $("f-sev-warning"), fam: $("f-family"), rule: $("f-rule"),
      q: $("f-q"), clean: $("f-clean"), sort: $("f-sort"), remote: $("f-remote"),
      reset: $("f-reset"), link: $("f-link"), shownF: $("shown-findings"), shownP: $("shown-pages"),
      shownFW: $("shown-findings-word"), shownPW: $("shown-pages-word")
    };
    var DEFAULTS = { e: true, w: true, fam: "", rule: "", q: "", clean: false, sort: "order", p: 1 };
    var st = assign({}, DEFAULTS);
    var remote = false;
    var expanded = {};
    var view = [];
    var pageHay = null, findHay = null;
    var ruleIndex = {};
    var totals = [];
    var i, j;
    for (i = 0; i < D.rules.length; i++) { ruleIndex[D.rules[i][0]] = i; }
    for (i = 0; i < D.pages.length; i++) {
      var fs = D.pages[i][4], ne = 0;
      for (j = 0; j < fs.length; j++) { if (fs[j][0] === 0) { ne++; } }
      totals.push([ne, fs.length - ne]);
    }

    function assign(to, from) { for (var k in from) { if (Object.prototype.hasOwnProperty.call(from, k)) { to[k] = from[k]; } } return to; }
    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) { e.className = cls; }
      if (text !== undefined && text !== null) { e.textContent = String(text); }
      return e;
    }
    function linkUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }
    function imageUrl(u, kind) {
      if (typeof u !== "string") { return null; }
      if (kind === "remote") { return remote && /^https?:\/\//i.test(u) ? u : null; }
      return /^(file:|data:image\/)/i.test(u) ? u : null;
    }
    function lower(s) { return s === null || s === undefined ? "" : String(s).toLowerCase(); }

    function buildHay() {
      pageHay = []; findHay = [];
      for (var a = 0; a < D.pages.length; a++) {
        var p = D.pages[a];
        pageHay.push(lower(p[0]) + "\n" + lower(p[1]) + "\n" + lower(p[2]) + "\n" + lower(p[3]));
        var hs = [];
        for (var b = 0; b < p[4].length; b++) {
          var f = p[4][b], img = f[9] || [];
          hs.push(lower(f[2]) + "\n" + D.rules[f[1]][0] + "\n" + lower(f[5]) + "\n" +
                  lower(f[6].join("")) + "\n" + lower(img[2]) + "\n" + lower(img[3]) + "\n" + lower(img[4]));
        }
        findHay.push(hs);
      }
    }

    function compute() {
      var famIdx = st.fam ? D.families.indexOf(st.fam) : -1;
      var ruleIdx = st.rule ? (Object.prototype.hasOwnProperty.call(ruleIndex, st.rule) ? ruleIndex[st.rule] : -2) : -1;
      var q = st.q.trim().toLowerCase();
      if (q && !pageHay) { buildHay(); }
      var narrowing = !st.e || !st.w || !!st.fam || !!st.rule;
      var out = [], shown = 0;
      for (var a = 0; a < D.pages.length; a++) {
        var p = D.pages[a], fs = p[4], pageHit = !q || pageHay[a].indexOf(q) >= 0, hits = [];
        for (var b = 0; b < fs.length; b++) {
          var f = fs[b];
          if (f[0] === 0 ? !st.e : !st.w) { continue; }
          if (ruleIdx !== -1 && f[1] !== ruleIdx) { continue; }
          if (famIdx !== -1 || st.fam) { if (D.rules[f[1]][1] !== famIdx) { continue; } }
          if (q && !pageHit && findHay[a][b].indexOf(q) < 0) { continue; }
          hits.push(b);
        }
        if (q && !pageHit && !hits.length) { continue; }
        if (!hits.length) {
          if (narrowing) { continue; }
          if (st.clean && !p[3]) { continue; }
        }
        out.push({ i: a, hits: hits });
        shown += hits.length;
      }
      if (st.sort === "findings") {
        out.sort(function (x, y) { return (y.hits.length - x.hits.length) || (totals[y.i][0] - totals[x.i][0]) || (x.i - y.i); });
      } else if (st.sort === "name") {
        out.sort(function (x, y) { return String(D.pages[x.i][0]).localeCompare(String(D.pages[y.i][0]), undefined, { numeric: true }) || (x.i - y.i); });
      }
      view = out;
      ui.shownF.textContent = String(shown);
      ui.shownP.textContent = String(out.length);
      if (ui.shownFW) { ui.shownFW.textContent = noun(shown, "finding"); }
      if (ui.shownPW) { ui.shownPW.textContent = noun(out.length, "page"); }
    }

    function noun(n, word) { return word + (n === 1 ? "" : "s"); }
    function plural(n, word) { return n + " " + noun(n, word); }

    function renderSnippet(segs) {
      var pre = el("pre", "snippet"), code = el("code");
      for (var k = 0; k < segs.length; k++) {
        if (k % 2 === 1) { code.appendChild(el("mark", null, segs[k])); }
        else if (segs[k]) { code.appendChild(document.createTextNode(segs[k])); }
      }
      pre.appendChild(code);
      return pre;
    }

    // the visible reason is what a screen reader reads too: no role=img
    // label over it that would say less ("picture not shown")
    function placeholder(frame, text) {
      frame.textContent = "";
      frame.className = "frame placeholder";
      frame.appendChild(document.createTextNode(text));
    }

    var KIND_TEXT = { "no-file": "picture not found", unsafe: "unsafe address not loaded",
      missing: "no src", unresolved: "picture not available", remote: "remote picture (not loaded)" };

    function renderImage(img) {
      var fig = el("figure", "shot"), frame = el("div", "frame");
      var url = imageUrl(img[0], img[1]);
      if (url) {
        var im = el("img");
        im.alt = "";
        im.loading = "lazy";
        im.addEventListener("error", function () { placeholder(frame, "picture not found"); });
        im.src = url;
        frame.appendChild(im);
      } else {
        placeholder(frame, KIND_TEXT[img[1]] || "picture not available");
      }
      fig.appendChild(frame);
      var cap = el("figcaption"), dl = el("dl", "imgmeta");
      dl.appendChild(el("dt", null, "src")); var dd = el("dd"); dd.appendChild(el("code", null, img[2])); dl.appendChild(dd);
      dl.appendChild(el("dt", null, "alt"));
      dd = el("dd");
      if (img[3] === null || img[3] === undefined) { dd.appendChild(el("em", null, "(no alt attribute)")); }
      else if (img[3] === "") { dd.appendChild(el("em", null, "(empty)")); }
      else { dd.textContent = String(img[3]); }
      dl.appendChild(dd);
      if (img[4]) { dl.appendChild(el("dt", null, "caption")); dl.appendChild(el("dd", null, img[4])); }
      cap.appendChild(dl);
      fig.appendChild(cap);
      return fig;
    }

    function renderFinding(f) {
      var sev = SEV[f[0]], rule = D.rules[f[1]][0];
      var li = el("li", "finding sev-" + sev);
      var head = el("div", "fhead");
      head.appendChild(el("span", "sev sev-" + sev, sev));
      head.appendChild(document.createTextNode(" "));
      var a = el("a", "rule", rule); a.href = "#rule-" + rule; head.appendChild(a);
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "msg", f[2]));
      li.appendChild(head);
      var dl = el("dl", "meta");
      dl.appendChild(el("dt", null, "Line")); dl.appendChild(el("dd", "loc", f[3] + ":" + f[4]));
      if (f[5]) { dl.appendChild(el("dt", null, "Selector")); var dd = el("dd"); dd.appendChild(el("code", "sel", f[5])); dl.appendChild(dd); }
      var ws = D.wcagSets[f[8]] || [];
      if (ws.length) {
        dl.appendChild(el("dt", null, "WCAG"));
        var wd = el("dd");
        for (var k = 0; k < ws.length; k++) {
          var c = D.criteria[ws[k]] || ["", "", null];
          var w = el("a", "wcag", ws[k] + (c[0] ? " " + c[0] + " (" + c[1] + ")" : ""));
          var href = linkUrl(c[2]); if (href) { w.href = href; w.rel = "noopener noreferrer"; }
          if (k) { wd.appendChild(document.createTextNode(", ")); }
          wd.appendChild(w);
        }
        dl.appendChild(wd);
      }
      li.appendChild(dl);
      if (f[6].length > 1 || f[6][0]) { li.appendChild(renderSnippet(f[6])); }
      if (f[9]) { li.appendChild(renderImage(f[9])); }
      var help = D.help[f[7]];
      if (help) { var hp = el("p", "help"); hp.appendChild(el("strong", null, "How to fix:")); hp.appendChild(document.createTextNode(" " + help)); li.appendChild(hp); }
      return li;
    }

    function renderPage(item) {
      var p = D.pages[item.i], t = totals[item.i];
      var d = el("details", "page" + (p[3] ? " failed" : (p[4].length ? "" : " clean")));
      d.id = "page-" + (item.i + 1);
      d.open = true;
      var s = el("summary"), lab = el("span", "label"), href = linkUrl(p[1]);
      if (href) { var a = el("a", null, p[0]); a.href = href; a.rel = "noopener noreferrer"; lab.appendChild(a); }
      else { lab.textContent = String(p[0]); }
      s.appendChild(lab);
      var counts = el("span", "counts");
      counts.appendChild(el("span", "c-e", plural(t[0], "error")));
      counts.appendChild(document.createTextNode(" "));
      counts.appendChild(el("span", "c-w", plural(t[1], "warning")));
      if (item.hits.length !== p[4].length) { counts.appendChild(document.createTextNode(" · " + item.hits.length + " shown")); }
      s.appendChild(counts);
      d.appendChild(s);
      if (p[2]) { d.appendChild(el("p", "ptitle", "Title: " + p[2])); }
      if (p[3]) { d.appendChild(el("p", "perror", "Could not lint: " + p[3])); }
      if (item.hits.length) {
        var ol = el("ol", "findings");
        var limit = expanded[item.i] ? item.hits.length : Math.min(item.hits.length, FIND_STEP);
        for (var k = 0; k < limit; k++) { ol.appendChild(renderFinding(p[4][item.hits[k]])); }
        d.appendChild(ol);
        if (limit < item.hits.length) {
          var more = el("button", "more", "Show all " + item.hits.length + " findings");
          more.type = "button";
          more.addEventListener("click", function () {
            expanded[item.i] = true;
            var fresh = renderPage(item);
            d.replaceWith(fresh);
            // on to the first finding the button revealed, not back to the top
            var next = fresh.querySelectorAll(".finding")[limit];
            if (next) { next.tabIndex = -1; next.focus(); }
          });
          d.appendChild(more);
        }
      } else if (!p[3]) {
        d.appendChild(el("p", "none", p[4].length ? "No findings match the filters." : "No findings."));
      }
      return d;
    }

    function pagerNav(pages) {
      var nav = el("nav", "pager");
      nav.setAttribute("aria-label", "Result pages");
      var prev = el("button", "prev", "← Previous"); prev.type = "button"; prev.disabled = st.p <= 1;
      var next = el("button", "next", "Next →"); next.type = "button"; next.disabled = st.p >= pages;
      prev.addEventListener("click", function () { go(st.p - 1); });
      next.addEventListener("click", function () { go(st.p + 1); });
      var first = (st.p - 1) * PAGE_SIZE + 1, last = Math.min(view.length, st.p * PAGE_SIZE);
      nav.appendChild(prev);
      var range = el("span", "range", view.length ? "Pages " + first + "–" + last + " of " + view.length : "No pages match the filters.");
      range.tabIndex = -1;
      nav.appendChild(range);
      nav.appendChild(next);
      return nav;
    }

    // after paging or following a "show" link, focus goes to the top of the
    // results, which says which pages they are; the document's body kept it
    function focusResults() {
      var range = app.querySelector(".pager .range");
      if (range) { range.focus(); }
    }

    function go(p) { st.p = p; draw(); writeHash(); focusResults(); }

    function draw() {
      var pages = Math.max(1, Math.ceil(view.length / PAGE_SIZE));
      if (st.p > pages) { st.p = pages; }
      if (st.p < 1) { st.p = 1; }
      var frag = document.createDocumentFragment();
      frag.appendChild(pagerNav(pages));
      var list = el("div", "pagelist");
      var start = (st.p - 1) * PAGE_SIZE, end = Math.min(view.length, start + PAGE_SIZE);
      for (var k = start; k < end; k++) { list.appendChild(renderPage(view[k])); }
      frag.appendChild(list);
      if (pages > 1) { frag.appendChild(pagerNav(pages)); }
      app.textContent = "";
      app.appendChild(frag);
    }

    function update(resetPage) {
      if (resetPage) { st.p = 1; }
      compute();
      draw();
      writeHash();
    }

    function toHash() {
      var q = new URLSearchParams();
      if (!st.e || !st.w) { q.set("sev", [st.e ? "error" : "", st.w ? "warning" : ""].filter(Boolean).join(",") || "none"); }
      if (st.fam) { q.set("family", st.fam); }
      if (st.rule) { q.set("rule", st.rule); }
      if (st.q) { q.set("q", st.q); }
      if (st.clean) { q.set("clean", "1"); }
      if (st.sort !== "order") { q.set("sort", st.sort); }
      if (st.p > 1) { q.set("p", String(st.p)); }
      return "#filter?" + q.toString();
    }

    function writeHash() {
      var h = toHash();
      ui.link.href = h;
      if (location.hash !== h && (location.hash.indexOf("#filter?") === 0 || h !== "#filter?")) {
        history.replaceState(null, "", h);
      }
    }

    function syncUi() {
      ui.e.checked = st.e; ui.w.checked = st.w; ui.fam.value = st.fam; ui.rule.value = st.rule;
      ui.q.value = st.q; ui.clean.checked = st.clean; ui.sort.value = st.sort;
    }

    function readFilterHash(h) {
      var q = new URLSearchParams(h.slice("#filter?".length));
      st = assign({}, DEFAULTS);
      if (q.has("sev")) { var s = q.get("sev").split(","); st.e = s.indexOf("error") >= 0; st.w = s.indexOf("warning") >= 0; }
      st.fam = q.get("family") || "";
      st.rule = q.get("rule") || "";
      st.q = q.get("q") || "";
      st.clean = q.get("clean") === "1";
      st.sort = ["order", "findings", "name"].indexOf(q.get("sort")) >= 0 ? q.get("sort") : "order";
      st.p = parseInt(q.get("p") || "1", 10) || 1;
      syncUi();
      compute();
      draw();
    }

    function showPage(n) {
      var idx = n - 1, pos = -1;
      for (var k = 0; k < view.length; k++) { if (view[k].i === idx) { pos = k; break; } }
      if (pos < 0) {
        st = assign({}, DEFAULTS); syncUi(); compute();
        for (k = 0; k < view.length; k++) { if (view[k].i === idx) { pos = k; break; } }
      }
      if (pos < 0) { return; }
      st.p = Math.floor(pos / PAGE_SIZE) + 1;
      draw();
      var target = $("page-" + n);
      if (target) { target.scrollIntoView(); }
    }

    function onHash() {
      var h = location.hash;
      var m;
      if (h.indexOf("#filter?") === 0) {
        readFilterHash(h);
        if (toResults) { toResults = false; focusResults(); }
      }
      else if ((m = /^#page-(\d+)$/.exec(h))) { showPage(parseInt(m[1], 10)); }
      else if (h.indexOf("#rule-") === 0) {
        var target = $(decodeURIComponent(h.slice(1)));
        var det = target && target.querySelector("details");
        if (det) { det.open = true; }
      }
    }

    var timer = null;
    var toResults = false;
    // the sticky toolbar must not cover what focus or a link scrolls to
    function padForToolbar() {
      var sticky = getComputedStyle(form).position === "sticky";
      document.documentElement.style.scrollPaddingTop = sticky ? (form.offsetHeight + 8) + "px" : "";
    }
    function bind() {
      ui.e.addEventListener("change", function () { st.e = ui.e.checked; update(true); });
      ui.w.addEventListener("change", function () { st.w = ui.w.checked; update(true); });
      ui.fam.addEventListener("change", function () { st.fam = ui.fam.value; update(true); });
      ui.rule.addEventListener("change", function () { st.rule = ui.rule.value; update(true); });
      ui.clean.addEventListener("change", function () { st.clean = ui.clean.checked; update(true); });
      ui.sort.addEventListener("change", function () { st.sort = ui.sort.value; update(true); });
      ui.q.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { st.q = ui.q.value; update(true); }, 150);
      });
      if (ui.remote) { ui.remote.addEventListener("change", function () { remote = ui.remote.checked; draw(); }); }
      ui.reset.addEventListener("click", function () { st = assign({}, DEFAULTS); syncUi(); update(true); });
      form.addEventListener("submit", function (ev) { ev.preventDefault(); });
      window.addEventListener("hashchange", onHash);
      window.addEventListener("beforeprint", function () {
        var ds = document.querySelectorAll("details");
        for (var k = 0; k < ds.length; k++) { ds[k].open = true; }
      });
      window.addEventListener("resize", padForToolbar);
      var rows = document.querySelectorAll("#by-rule tbody tr[data-rule]");
      for (var k = 0; k < rows.length; k++) {
        var rid = rows[k].getAttribute("data-rule"), cell = el("td"), a = el("a", "filter-link", "show");
        var ns = rows[k].querySelectorAll("td.n"), n = Number(ns[0].textContent) + Number(ns[1].textContent);
        // fourteen links all named "show" tell a screen reader nothing
        a.appendChild(el("span", "sr", " the " + plural(n, rid + " finding")));
        a.href = "#filter?" + new URLSearchParams({ rule: rid }).toString();
        a.addEventListener("click", function (ev) {
          if (location.hash === ev.currentTarget.getAttribute("href")) {
            ev.preventDefault();  // the view is already this one: no hashchange follows
            focusResults();
          } else {
            toResults = true;
          }
        });
        cell.appendChild(a);
        rows[k].appendChild(cell);
      }
      var head = document.querySelector("#by-rule thead tr");
      if (head) { head.appendChild(el("th", null, "Findings")); }
    }

    form.hidden = false;
    bind();
    padForToolbar();
    compute();
    if (location.hash) { onHash(); } else { draw(); }
    if (!app.firstChild) { draw(); }
    ui.link.href = toHash();
  }
})();
