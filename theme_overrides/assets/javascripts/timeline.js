/* Timeline page: filter events by article language (an event reported in several languages,
 * data-langs, stays while one of them is ticked). Article pages: highlight the sentence a
 * timeline link points to (#ev-<line>: every part of it, a sentence cut by a page break has two)
 * and bring it into view below the sticky header. Offline, no dependencies; works with
 * Material's instant navigation on (document$ / location$) or off (DOMContentLoaded, hashchange). */
(function () {
  "use strict";

  var STORE = "jinaq.timeline.hidden";

  // Language filter: each checkbox shows or hides the events whose data-lang is its value.
  function setupFilter(root) {
    var box = root.querySelector("[data-jinaq-filter]");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var inputs = box.querySelectorAll("input[type=checkbox]");
    var hidden = readHidden();
    inputs.forEach(function (input) {
      if (hidden.indexOf(input.value) >= 0) input.checked = false;
      input.addEventListener("change", function () { apply(root, inputs); });
    });
    apply(root, inputs);
  }

  function apply(root, inputs) {
    var off = [];
    inputs.forEach(function (input) { if (!input.checked) off.push(input.value); });
    root.querySelectorAll(".jinaq-event[data-lang]").forEach(function (li) {
      var langs = (li.getAttribute("data-langs") || li.getAttribute("data-lang")).split(/\s+/);
      li.hidden = langs.every(function (lang) { return off.indexOf(lang) >= 0; });
    });
    // A year with no visible event loses its heading too.
    root.querySelectorAll("ol.jinaq-timeline").forEach(function (ol) {
      var empty = !ol.querySelector(".jinaq-event:not([hidden])");
      ol.hidden = empty;
      var head = ol.previousElementSibling;
      if (head && /^H[1-6]$/.test(head.tagName)) head.hidden = empty;
    });
    writeHidden(off);
  }

  function readHidden() {
    try { return JSON.parse(window.sessionStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }

  function writeHidden(off) {
    try { window.sessionStorage.setItem(STORE, JSON.stringify(off)); } catch (e) { /* file:// */ }
  }

  // Sentence highlight: the span wrapping the sentence, else the anchor's paragraph.
  function highlight(root) {
    root.querySelectorAll(".jinaq-highlight").forEach(function (el) {
      el.classList.remove("jinaq-highlight");
    });
    var hash = decodeURIComponent((window.location.hash || "").slice(1));
    if (hash.indexOf("ev-") !== 0) return;
    var anchor = document.getElementById(hash);
    if (!anchor) return;
    var targets = [];
    root.querySelectorAll(".jinaq-sentence[data-ev]").forEach(function (el) {
      if (el.getAttribute("data-ev").split(/\s+/).indexOf(hash) >= 0) targets.push(el);
    });
    if (!targets.length) {
      var next = anchor.nextElementSibling;
      if (next && next.classList.contains("jinaq-sentence")) targets.push(next);
    }
    if (!targets.length) {
      var block = anchor.closest("p, li, blockquote, td, dd") || anchor.parentElement;
      if (block) targets.push(block);
    }
    if (!targets.length) return;
    targets.forEach(function (el) { el.classList.add("jinaq-highlight"); });
    // The sentence's first line, below the sticky header (scroll-margin-top in timeline.css).
    if (targets[0].scrollIntoView) targets[0].scrollIntoView({ block: "start" });
  }

  function onPage() {
    setupFilter(document);
    highlight(document);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);  // every instant-navigation page load
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
  // Same-page hash changes: the browser's, and Material's instant navigation, which uses the
  // History API (no hashchange event) when it is on.
  window.addEventListener("hashchange", function () { highlight(document); });
  if (typeof window.location$ !== "undefined" && window.location$.subscribe) {
    window.location$.subscribe(function () { highlight(document); });
  }
})();
