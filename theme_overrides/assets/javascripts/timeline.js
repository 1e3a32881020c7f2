/* Timeline page: filter events by article language. Article pages: highlight the sentence a
 * timeline link points to (#ev-<line>). Offline, no dependencies; works with Material's instant
 * navigation on (document$ / location$) or off (DOMContentLoaded, hashchange). */
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
      li.hidden = off.indexOf(li.getAttribute("data-lang")) >= 0;
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
    var target = null;
    root.querySelectorAll(".jinaq-sentence[data-ev]").forEach(function (el) {
      if (!target && el.getAttribute("data-ev") === hash) target = el;
    });
    if (!target) {
      var next = anchor.nextElementSibling;
      if (next && next.classList.contains("jinaq-sentence")) target = next;
    }
    if (!target) target = anchor.closest("p, li, blockquote, td, dd") || anchor.parentElement;
    if (!target) return;
    target.classList.add("jinaq-highlight");
    if (anchor.scrollIntoView) anchor.scrollIntoView({ block: "center" });
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
