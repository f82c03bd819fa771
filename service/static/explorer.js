/* Hamahang's network explorer: search with Persian normalisation, a side panel per node, size and
   colour by a chosen measure with a legend, type toggles, PNG export. Works on the pyvis page's
   globals (nodes, edges, network) and on the JSON in #hh-data written by service/pictures/network.py.
   Its words come in HH.words, in the page's language (service/pictures/words.py EXPLORER): Persian
   with Persian digits, or English with Latin digits (HH.lang); nothing is fetched from elsewhere. */
(function () {
  "use strict";
  var HH = JSON.parse(document.getElementById("hh-data").textContent);
  var FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  var W = HH.words || {}, EN = HH.lang === "en";
  function fill(text, values) { return text.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; }); }

  /* The search key of service/text/persian.py, mirrored: NFKC, Arabic letter forms to Persian,
     diacritics, hamza marks and kashida dropped, Persian/Arabic digits to ASCII, ZWNJ to space,
     invisible and bidi controls dropped, spaces removed, case folded. */
  var LETTERS = {"ي": "ی", "ى": "ی", "ے": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و",
                 "٫": ".", "٬": "", "،": ",", "؛": ";", "؟": "?", "\u200c": " "};
  function searchKey(text) {
    var out = "";
    var s = String(text || "").normalize("NFKC");
    for (var i = 0; i < s.length; i++) {
      var ch = s[i], code = s.charCodeAt(i);
      if (LETTERS.hasOwnProperty(ch)) { out += LETTERS[ch]; continue; }
      if (code >= 0x06F0 && code <= 0x06F9) { out += String(code - 0x06F0); continue; }
      if (code >= 0x0660 && code <= 0x0669) { out += String(code - 0x0660); continue; }
      if ((code >= 0x064B && code <= 0x065F) || code === 0x0670 || code === 0x0654 || code === 0x0655 || code === 0x0640) continue;
      if ("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200b\u200d\u2060\ufeff\u00ad".indexOf(ch) >= 0) continue;
      out += ch;
    }
    return out.replace(/\s+/g, "").toLowerCase();
  }
  window.hamahangSearchKey = searchKey;

  function fa(n) { return String(n).replace(/[0-9]/g, function (d) { return FA_DIGITS[+d]; }); }
  function faNum(x) {
    var text = Math.abs(x) >= 100 || Number.isInteger(x) ? Math.round(x).toLocaleString("en-US") : x.toFixed(2);
    if (EN) return text;
    return fa(text.replace(/,/g, "٬").replace(/\./g, "٫"));
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* ---------- search ---------- */
  var index = Object.keys(HH.nodes).map(function (id) {
    var n = HH.nodes[id];
    return {id: id, name: n.name, key: searchKey(n.name + " " + id), type: n.type};
  });
  var input = document.getElementById("hh-search"), list = document.getElementById("hh-suggest");
  function matches(q) {
    var key = searchKey(q);
    if (!key) return [];
    return index.filter(function (r) { return r.key.indexOf(key) >= 0 && !nodes.get(r.id).hidden; })
      .sort(function (a, b) { return (a.type === "Agency" ? 0 : 1) - (b.type === "Agency" ? 0 : 1) || a.name.length - b.name.length; })
      .slice(0, 8);
  }
  function suggest() {
    list.innerHTML = "";
    var found = matches(input.value);
    found.forEach(function (r, i) {
      var li = el("li", {role: "option", "data-id": r.id, id: "hh-opt-" + i}, r.name);
      li.appendChild(el("small", {}, " — " + HH.types[r.type].name));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(r.id); });
      list.appendChild(li);
    });
    list.hidden = found.length === 0;
    document.getElementById("hh-search-none").hidden = !(input.value.trim() && found.length === 0);
  }
  function choose(id) {
    list.hidden = true;
    input.value = HH.nodes[id].name;
    focusNode(id);
  }
  input.addEventListener("input", suggest);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); var first = list.querySelector("li"); if (first) choose(first.dataset.id); }
    if (ev.key === "Escape") list.hidden = true;
  });

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 0.8), animation: {duration: 400}});
    showPanel(id);
  }
  window.hamahangFocus = focusNode;

  /* ---------- side panel ---------- */
  var panel = document.getElementById("hh-panel");
  function showPanel(id) {
    var n = HH.nodes[id];
    if (!n) return;
    panel.innerHTML = "";
    panel.appendChild(el("h2", {id: "hh-panel-title"}, n.name));
    panel.appendChild(el("p", {class: "muted"}, HH.types[n.type].name));
    var dl = el("dl");
    n.fields.forEach(function (f) { dl.appendChild(el("dt", {}, f[0])); dl.appendChild(el("dd", {}, f[1])); });
    panel.appendChild(dl);
    var m = el("p", {class: "measures"});
    m.textContent = W.js_links + faNum(n.degree) + (n.volume ? W.js_volume + faNum(n.volume) + W.js_rials : "") +
      W.js_betweenness + faNum(n.betweenness);
    panel.appendChild(m);
    var actions = el("div", {class: "actions"});
    (n.links || []).forEach(function (l) { actions.appendChild(el("a", {href: l[1], class: "button"}, l[0])); });
    panel.appendChild(actions);
    var near = network.getConnectedNodes(id).filter(function (x) { return !nodes.get(x).hidden; });
    if (near.length) {
      panel.appendChild(el("h3", {}, W.js_near + " (" + faNum(near.length) + ")"));
      var ul = el("ul", {class: "near"});
      near.slice(0, 40).forEach(function (x) {
        var li = el("li"), b = el("button", {type: "button", "data-id": x}, HH.nodes[x] ? HH.nodes[x].name : x);
        b.addEventListener("click", function () { focusNode(x); });
        li.appendChild(b); ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.hidden = false;
  }
  window.hamahangPanel = showPanel;

  /* ---------- size and colour ---------- */
  /* Agencies stay above every record whatever the measure (their labels readable at the first
     view, the records' on zoom): an agency's value starts at twice the largest. */
  function applySize(measure) {
    var ids = Object.keys(HH.nodes), top = 0;
    function raw(id) { return measure === "none" ? 1 : (HH.nodes[id][measure] || 0); }
    ids.forEach(function (id) { top = Math.max(top, raw(id)); });
    nodes.update(ids.map(function (id) {
      var v = raw(id) + (HH.nodes[id].type === "Agency" ? 2 * (top || 1) : 0);
      return {id: id, value: v + (top || 1) * 0.01};
    }));
  }
  function applyColour(attr) {
    var palette = HH.palettes[attr], ups = [], seen = {};
    Object.keys(HH.nodes).forEach(function (id) {
      var n = HH.nodes[id], value = attr === "type" ? n.type : n[attr];
      var entry = palette[value] || palette[""];
      seen[value in palette ? value : ""] = entry;
      ups.push({id: id, color: entry[1]});
    });
    nodes.update(ups);
    var legend = document.getElementById("hh-colour-legend");
    legend.innerHTML = "";
    Object.keys(palette).forEach(function (k) {
      if (!seen[k]) return;
      var span = el("span"), sw = el("i");
      sw.style.background = palette[k][1];
      span.appendChild(sw); span.appendChild(document.createTextNode(palette[k][0]));
      legend.appendChild(span);
    });
  }

  /* ---------- toggles ---------- */
  function applyToggles() {
    var hiddenTypes = {}, hiddenRels = {};
    document.querySelectorAll("input[data-node-type]").forEach(function (c) { hiddenTypes[c.dataset.nodeType] = !c.checked; });
    document.querySelectorAll("input[data-edge-type]").forEach(function (c) { hiddenRels[c.dataset.edgeType] = !c.checked; });
    nodes.update(Object.keys(HH.nodes).map(function (id) { return {id: id, hidden: !!hiddenTypes[HH.nodes[id].type]}; }));
    edges.update(edges.get().map(function (e) { return {id: e.id, hidden: !!hiddenRels[e.rel]}; }));
    var shown = nodes.get({filter: function (n) { return !n.hidden; }}).length;
    var shownEdges = edges.get({filter: function (e) { return !e.hidden && !nodes.get(e.from).hidden && !nodes.get(e.to).hidden; }}).length;
    document.getElementById("hh-counts").textContent = fill(W.js_shown, {nodes: faNum(shown), edges: faNum(shownEdges)});
  }

  /* ---------- layout ---------- */
  /* The tree shows agencies only, on the server's top-down positions of PART_OF (parents above
     their parts); back to the force layout restores the toggles and the saved positions. */
  var forcePositions = null;
  function setChecks(selector, on) { document.querySelectorAll(selector).forEach(function (c) { c.checked = on(c); }); }
  function applyLayout(kind) {
    if (kind === "tree") {
      forcePositions = network.getPositions();
      setChecks("input[data-node-type]", function (c) { return c.dataset.nodeType === "Agency"; });
      setChecks("input[data-edge-type]", function (c) { return c.dataset.edgeType === "PART_OF"; });
      applyToggles();
      Object.keys(HH.tree).forEach(function (id) { network.moveNode(id, HH.tree[id][0], HH.tree[id][1]); });
      network.setOptions({nodes: {scaling: {label: {drawThreshold: 5}}}});  /* every agency named; zoom to read */
    } else {
      network.setOptions({nodes: {scaling: {label: {drawThreshold: 9}}}});
      setChecks("input[data-node-type], input[data-edge-type]", function () { return true; });
      applyToggles();
      if (forcePositions) Object.keys(forcePositions).forEach(function (id) { network.moveNode(id, forcePositions[id].x, forcePositions[id].y); });
    }
    network.fit();
  }

  /* ---------- export ---------- */
  function exportPng() {
    var canvas = document.querySelector("#mynetwork canvas");
    var copy = document.createElement("canvas");
    copy.width = canvas.width; copy.height = canvas.height;
    var ctx = copy.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(canvas, 0, 0);
    var a = el("a", {href: copy.toDataURL("image/png"), download: HH.file + ".png"});
    document.body.appendChild(a); a.click(); a.remove();
  }
  window.hamahangExportPng = exportPng;

  /* The view as SVG: what is visible, where it is drawn; text stays text (right to left, searchable). */
  function esc(t) { return String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }
  function exportSvg() {
    var shown = nodes.get({filter: function (n) { return !n.hidden; }});
    var ids = shown.map(function (n) { return n.id; }), pos = network.getPositions(ids), keep = {};
    ids.forEach(function (id) { keep[id] = true; });
    var xs = ids.map(function (id) { return pos[id].x; }), ys = ids.map(function (id) { return pos[id].y; });
    var pad = 120, minX = Math.min.apply(null, xs) - pad, minY = Math.min.apply(null, ys) - pad;
    var w = Math.max.apply(null, xs) - minX + pad, h = Math.max.apply(null, ys) - minY + pad;
    var out = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + [minX, minY, w, h].join(" ") + '" width="' + Math.round(w) +
               '" height="' + Math.round(h) + '" font-family="Vazirmatn, Tahoma, sans-serif" direction="rtl">',
               '<rect x="' + minX + '" y="' + minY + '" width="' + w + '" height="' + h + '" fill="#ffffff"/>'];
    edges.get({filter: function (e) { return !e.hidden && keep[e.from] && keep[e.to]; }}).forEach(function (e) {
      var a = pos[e.from], b = pos[e.to], c = (e.color && e.color.color) || e.color || "#9aa3b2";
      out.push('<line x1="' + a.x + '" y1="' + a.y + '" x2="' + b.x + '" y2="' + b.y + '" stroke="' + esc(c) + '" stroke-width="' + (e.width || 1) + '"/>');
    });
    shown.forEach(function (n) {
      var p = pos[n.id], data = HH.nodes[n.id] || {name: n.id, type: ""}, colour = (n.color && n.color.background) || n.color || "#999";
      if (data.type === "Agency" || data.type === "Cluster") {
        var width = 16 + 9 * data.name.length;
        out.push('<rect x="' + (p.x - width / 2) + '" y="' + (p.y - 14) + '" width="' + width + '" height="28" rx="5" fill="' + esc(colour) + '"/>');
        out.push('<text x="' + p.x + '" y="' + (p.y + 5) + '" font-size="15" fill="#ffffff" text-anchor="middle">' + esc(data.name) + "</text>");
      } else {
        out.push('<circle cx="' + p.x + '" cy="' + p.y + '" r="8" fill="' + esc(colour) + '"><title>' + esc(data.name) + "</title></circle>");
        var short = data.name.length > 34 ? data.name.slice(0, 33) + "…" : data.name;
        out.push('<text x="' + p.x + '" y="' + (p.y + 22) + '" font-size="10" fill="#1d2330" text-anchor="middle">' + esc(short) + "</text>");
      }
    });
    out.push("</svg>");
    var url = URL.createObjectURL(new Blob([out.join("\n")], {type: "image/svg+xml"}));
    var a = el("a", {href: url, download: HH.file + ".svg"});
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  window.hamahangExportSvg = exportSvg;

  /* ---------- a phone ---------- */
  /* Under 600 px the agencies' name boxes covered each other and the picture (a city's 300 boxes on a
     390 px screen): there agencies are dots, named below once zoomed in far enough to read (the same
     drawThreshold as every record), a tap opens the panel; and the layers' list starts folded, so the
     picture comes up on the first screen. */
  function narrowScreen() {
    if (!window.matchMedia("(max-width: 600px)").matches) return;
    var layers = document.querySelector("details.hh-layers");
    if (layers) layers.open = false;
    nodes.update(Object.keys(HH.nodes).filter(function (id) { return HH.nodes[id].type === "Agency"; }).map(function (id) {
      return {id: id, shape: "dot", font: {color: "#1d2330", strokeWidth: 3, strokeColor: "#ffffff"}};
    }));
  }

  /* ---------- wiring, once the network is drawn ---------- */
  function start() {
    var stage = document.getElementById("hh-stage"), card = document.querySelector("#mynetwork").parentNode;
    stage.insertBefore(card, stage.firstChild);
    network.on("click", function (p) { if (p.nodes.length) showPanel(p.nodes[0]); });
    var size = document.getElementById("hh-size"), colour = document.getElementById("hh-colour");
    size.addEventListener("change", function () {
      applySize(size.value);
      document.getElementById("hh-size-note").textContent = size.value === "none" ? W.js_size_equal
        : fill(W.size_note, {what: size.options[size.selectedIndex].text});
    });
    colour.addEventListener("change", function () { applyColour(colour.value); });
    document.querySelectorAll("input[data-node-type], input[data-edge-type]").forEach(function (c) { c.addEventListener("change", applyToggles); });
    document.getElementById("hh-png").addEventListener("click", exportPng);
    document.getElementById("hh-svg").addEventListener("click", exportSvg);
    var layout = document.getElementById("hh-layout");
    layout.addEventListener("change", function () { applyLayout(layout.value); });
    document.getElementById("hh-fit").addEventListener("click", function () { network.fit({animation: {duration: 300}}); });
    applyColour(colour.value);
    applyToggles();
    narrowScreen();
    var wanted = new URLSearchParams(location.search).get("focus");
    if (wanted && HH.nodes[wanted]) focusNode(wanted);
  }
  window.hamahangExplorerStart = start;
})();
