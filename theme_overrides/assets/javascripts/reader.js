/* Jinaq, for readers of every page (offline, no dependencies, Material's instant navigation on or
 * off):
 * - search highlight: a page opened from a search result (?h=forms) marks every word whose
 *   normalised form is one the search matched (each inflection, and the glossary translation on
 *   a cross-language hit: the worker lists them) and scrolls to the first;
 * - citation titles: an in-text citation's title is its reference, read from the page's own
 *   list (the page does not repeat the reference at every citation);
 * - tooltips by tap: on a touch screen a tap on a glossary term or a citation shows its title
 *   (the translation, the reference) in a small popover with a link to open; a second tap on the
 *   same term, or the link, goes there. A mouse keeps Material's hover tooltips;
 * - accessible names Material leaves out (its search dialog).
 * Words come from the page (#jinaq-strings, generated from generator/data/ui.yml). */
(function () {
  "use strict"

  var TOKEN = /[\p{L}\p{N}]+/gu
  var SKIP = { SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEXTAREA: 1, INPUT: 1, MARK: 1 }

  function strings() {
    var el = document.getElementById("jinaq-strings")
    try { return el ? JSON.parse(el.textContent) : {} } catch (e) { return {} }
  }

  // The search index's normalisation, less its look-alike table (page text is already clean).
  function normalise(word) {
    return word.normalize("NFC").toLowerCase().replace(/ё/g, "е")
  }

  /* ------------------------------------------------------------ search highlight */

  function wanted() {
    var match = /[?&]h=([^&#]*)/.exec(window.location.search)
    if (!match) return null
    var forms = new Set()
    decodeURIComponent(match[1].replace(/\+/g, " ")).split(/\s+/).forEach(function (f) {
      if (f) forms.add(normalise(f))
    })
    return forms.size ? forms : null
  }

  function markWords(root, forms) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        for (var p = node.parentNode; p && p !== root; p = p.parentNode) {
          if (SKIP[p.nodeName] || (p.classList && p.classList.contains("headerlink")))
            return NodeFilter.FILTER_REJECT
        }
        return NodeFilter.FILTER_ACCEPT
      }
    })
    var nodes = []
    while (walker.nextNode()) nodes.push(walker.currentNode)
    var marks = []
    nodes.forEach(function (node) {
      var text = node.nodeValue, m, pos = 0, parts = []
      TOKEN.lastIndex = 0
      while ((m = TOKEN.exec(text))) {
        if (!forms.has(normalise(m[0]))) continue
        parts.push(document.createTextNode(text.slice(pos, m.index)))
        var mark = document.createElement("mark")
        mark.className = "jinaq-search-hit"
        mark.textContent = m[0]
        parts.push(mark)
        marks.push(mark)
        pos = m.index + m[0].length
      }
      if (!parts.length) return
      parts.push(document.createTextNode(text.slice(pos)))
      var frag = document.createDocumentFragment()
      parts.forEach(function (p) { frag.appendChild(p) })
      node.parentNode.replaceChild(frag, node)
    })
    return marks
  }

  function highlightSearch() {
    var forms = wanted()
    var root = document.querySelector("article.md-content__inner")
    if (!forms || !root || root.getAttribute("data-jinaq-marked")) return
    root.setAttribute("data-jinaq-marked", "1")
    var marks = markWords(root, forms)
    if (!marks.length) return
    root.setAttribute("data-jinaq-hits", String(marks.length))
    var first = marks[0]
    // A timeline link's own target wins over the first search word.
    if (!window.location.hash) first.scrollIntoView({ block: "center" })
  }

  /* ------------------------------------------------------------ citation titles */

  function citationTitles() {
    document.querySelectorAll('a[href^="#ref-"]:not([title])').forEach(function (a) {
      var item = document.getElementById((a.getAttribute("href") || "").slice(1))
      if (!item) return
      var text = item.textContent.replace(/\s+/g, " ").trim()
      if (text.length > 300) text = text.slice(0, 299).trimEnd() + "\u2026"
      a.setAttribute("title", text)
    })
  }

  /* ------------------------------------------------------------ tooltips by tap */

  var lastPointer = "mouse", popover = null, openFor = null

  function tipOf(a) {
    if (!a.hasAttribute("data-jinaq-tip")) {
      a.setAttribute("data-jinaq-tip", a.getAttribute("title") || "")
    }
    return a.getAttribute("data-jinaq-tip")
  }

  function isTerm(a) {
    var href = a.getAttribute("href") || ""
    return href.indexOf("glossary/") >= 0 || href.indexOf("#ref-") === 0
  }

  function closePopover() {
    if (popover) popover.remove()
    popover = null
    openFor = null
  }

  function showPopover(a, s) {
    closePopover()
    var box = document.createElement("div")
    box.className = "jinaq-popover md-typeset"
    box.setAttribute("role", "dialog")
    box.setAttribute("aria-label", a.textContent)
    var text = document.createElement("p")
    text.textContent = tipOf(a)
    var row = document.createElement("p")
    row.className = "jinaq-popover__actions"
    var open = document.createElement("a")
    open.href = a.href
    open.textContent = s.tooltip_open || "→"
    var close = document.createElement("button")
    close.type = "button"
    close.className = "jinaq-popover__close"
    close.textContent = s.tooltip_close || "×"
    close.addEventListener("click", closePopover)
    row.appendChild(open)
    row.appendChild(close)
    box.appendChild(text)
    box.appendChild(row)
    document.body.appendChild(box)
    var r = a.getBoundingClientRect()
    var left = Math.max(8, Math.min(r.left + window.scrollX,
                                    window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8))
    box.style.left = left + "px"
    box.style.top = (r.bottom + window.scrollY + 6) + "px"
    popover = box
    openFor = a
    open.focus({ preventScroll: true })
  }

  function setupTooltips(s) {
    if (document.documentElement.getAttribute("data-jinaq-tips")) return
    document.documentElement.setAttribute("data-jinaq-tips", "1")
    document.addEventListener("pointerdown", function (ev) { lastPointer = ev.pointerType }, true)
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("article a[href]")
      if (popover && !(ev.target.closest && ev.target.closest(".jinaq-popover")) && a !== openFor)
        closePopover()
      if (!a || !isTerm(a) || !tipOf(a)) return
      var touch = lastPointer === "touch" || lastPointer === "pen" ||
        (window.matchMedia && window.matchMedia("(hover: none)").matches)
      if (!touch || a === openFor) return  // a mouse: the link; a second tap: the link
      ev.preventDefault()
      showPopover(a, s)
    }, true)
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && popover) {
        var back = openFor
        closePopover()
        if (back) back.focus()
      }
    })
  }

  /* ------------------------------------------------------------ accessible names */

  function names(s) {
    var dialog = document.querySelector(".md-search[role=dialog]")
    if (dialog && !dialog.getAttribute("aria-label") && s.search_dialog)
      dialog.setAttribute("aria-label", s.search_dialog)
  }

  function onPage() {
    var s = strings()
    citationTitles()
    names(s)
    setupTooltips(s)
    document.querySelectorAll("article a[title]").forEach(function (a) { if (isTerm(a)) tipOf(a) })
    highlightSearch()
  }

  // Now, while the page is parsed: Material makes its hover tooltips of the titles it finds at
  // DOMContentLoaded.
  citationTitles()
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage)  // every instant-navigation page load
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage)
  } else {
    onPage()
  }
})()
