/*
 * Jinaq search worker: Material for MkDocs' search protocol over the index written by
 * generator/publish/search.py (SETUP -> READY, QUERY -> RESULT with Material's SearchResult shape).
 *
 * Runs as a real Web Worker online, and inside the vendored iframe-worker shim from file://
 * (where importScripts returns a Promise and the script's own URL is document.currentScript).
 * Under node it only exports the engine, for tests.
 *
 * Query pipeline: normalise (the look-alike table, lower case, ё→е) -> tokens -> per token the
 * best of exact (4) > prefix (3) > stem (2) > cross-language via the glossary (1), plus a
 * relevance below 1 (BM25-like) -> sum over tokens, scaled by the share of tokens matched ->
 * the best results' texts are loaded, and those holding the query words side by side, in any
 * inflection (мягкая сила ~ мягкой силы), move up. Positions are not in the index: checking
 * the few texts shown costs less than storing a position for every word of every document.
 *
 * Each result's link carries the document's matched word forms (`?h=`: every inflection and
 * glossary translation that matched, normalised as the index is): the article page marks
 * exactly those (assets/javascripts/reader.js), so what was found is what is shown.
 */
(function (root) {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var INDEX_VERSION = 2       // the index format read here (INDEX_VERSION in publish/search.py)
  var TIER = { exact: 4, prefix: 3, stem: 2, cross: 1 }
  var K1 = 1.2, B = 0.75
  var PREFIX_MIN = 3          // shorter words only prefix-match as the word being typed
  var PREFIX_MAX_TERMS = 300  // cap on terms one prefix expands to
  var MAX_RESULTS = 100
  var SNIPPET_DOCS = 30       // results whose text is loaded: snippet and phrase check
  var PHRASE_BONUS = 8        // per adjacent query-word pair found side by side (two tiers)
  var SNIPPET_CHARS = 240
  var PAGE_FACTOR = 0.9       // articles before other pages at equal match
  var CONT = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*"
  var LAST = "abcdefghijklmnopqrstuvwxyz012345"
  var TOKEN = /[\p{L}\p{N}]+/gu
  var HIGHLIGHT_MAX = 40      // word forms a result link passes on to the page

  /* ---------------------------------------------------------------- text rules */

  function makeNormaliser(meta) {
    var table = meta.lookalikes, always = meta.always_cyrillic
    var word = /[A-Za-z\u0259\u018f\u0400-\u04ff]+/g
    var cyr = /[\u0400-\u04ff]/
    function fix(w) {
      var hasCyr = cyr.test(w)
      var schwa = w.indexOf("\u0259") >= 0 || w.indexOf("\u018f") >= 0
      if (!hasCyr && !(schwa && !/[a-df-z]/.test(w.split("\u0259").join("")))) return w
      var out = ""
      for (var i = 0; i < w.length; i++) {
        var ch = w[i], rep = table[ch]
        out += rep && (ch in always || hasCyr) ? rep : ch
      }
      return out
    }
    // Same steps as textutil.normalise_for_search.
    return function (text) {
      return text.normalize("NFC").replace(word, fix).toLowerCase().replace(/ё/g, "е")
    }
  }

  function tokenize(normalised) {
    return normalised.match(TOKEN) || []
  }

  // Port of morphology.KkRules.stem; the rules themselves come from the index.
  function makeKkStemmer(r) {
    var roots = new Set(r.roots), classes = r.classes
    function afterOk(rest, after) {
      if (!after || !after.length) return true
      for (var i = 0; i < after.length; i++) {
        var letters = classes[after[i]]
        if (letters !== undefined) {
          if (rest && letters.indexOf(rest[rest.length - 1]) >= 0) return true
        } else if (rest.endsWith(after[i])) {
          return true
        }
      }
      return false
    }
    return function (w) {
      var slot = -1
      while (!roots.has(w)) {
        if (r.protected_endings.some(function (p) {
          return w.endsWith(p) && w.length - p.length >= r.min_stem
        })) break
        var stripped = false
        for (var i = 0; i < r.suffixes.length; i++) {
          var suf = r.suffixes[i]
          if (suf.slot <= slot || !w.endsWith(suf.s)) continue
          var rest = w.slice(0, w.length - suf.s.length)
          if (rest.length >= (suf.min_stem || r.min_stem) && afterOk(rest, suf.after)) {
            w = rest; slot = suf.slot; stripped = true
            break
          }
        }
        if (!stripped) break
      }
      if (roots.has(w)) return w
      var last = w[w.length - 1]
      if (w && Object.prototype.hasOwnProperty.call(r.final_mutations, last))
        w = w.slice(0, -1) + r.final_mutations[last]
      while (w.length > r.min_stem && r.drop_final.indexOf(w[w.length - 1]) >= 0)
        w = w.slice(0, -1)
      return w
    }
  }

  // Mirrors search.stems(): Kazakh and/or Russian for Cyrillic words, Porter for Latin ones.
  function makeStemmer(meta, snowball) {
    var kk = makeKkStemmer(meta.kk_rules)
    var ru = snowball.newStemmer("russian"), en = snowball.newStemmer("porter")
    var kkLetters = meta.kazakh_letters, min = meta.min_stem
    var cache = new Map()
    return function (tok) {
      var hit = cache.get(tok)
      if (hit) return hit
      var out = []
      if (/[\u0400-\u04ff]/.test(tok)) {
        out.push(kk(tok))
        var kazakh = false
        for (var i = 0; i < tok.length; i++)
          if (kkLetters.indexOf(tok[i]) >= 0) { kazakh = true; break }
        if (!kazakh) out.push(ru.stem(tok))
      } else if (/[a-z]/.test(tok)) {
        out.push(en.stem(tok))
      }
      var seen = []
      out.forEach(function (s) { if (s.length >= min && seen.indexOf(s) < 0) seen.push(s) })
      cache.set(tok, seen)
      return seen
    }
  }

  function decode(s) {
    var out = [], n = 0
    for (var i = 0; i < s.length; i++) {
      var c = CONT.indexOf(s[i])
      if (c >= 0) { n = n * 32 + c } else { out.push(n * 32 + LAST.indexOf(s[i])); n = 0 }
    }
    return out
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]
    })
  }

  /* ---------------------------------------------------------------- engine */

  // A shard's list: its items one string apart by spaces (a string parses much faster than an array).
  function unpack(packed, count) { return count ? packed.split(" ") : [] }

  // The first index in sorted `list` whose item is not below `key` (JavaScript's string order).
  function lowerBound(list, key) {
    var lo = 0, hi = list.length
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < key) lo = mid + 1; else hi = mid }
    return lo
  }

  function createEngine(parts, snowball) {
    var meta = null, termShards = [], stemShards = []
    parts.forEach(function (p) {
      if (p.part === "meta") meta = p
      else if (p.part === "terms") termShards.push(p)
      else if (p.part === "stems") stemShards.push({ stems: unpack(p.stems, p.count),
                                                     terms: unpack(p.terms, p.count) })
    })
    if (!meta) throw new Error("search index: no meta shard")
    if (meta.version !== INDEX_VERSION) throw new Error("search index: version " + meta.version)
    termShards.sort(function (a, b) { return a.first - b.first })
    var terms = [], postings = []
    termShards.forEach(function (s) {
      var t = unpack(s.terms, s.count), p = unpack(s.postings, s.count)
      for (var i = 0; i < t.length; i++) { terms.push(t[i]); postings.push(p[i]) }
    })
    // The term ids of a stem (delta-coded), from the shard whose sorted stems hold it.
    function termsOfStem(stem) {
      for (var i = 0; i < stemShards.length; i++) {
        var sh = stemShards[i], at = lowerBound(sh.stems, stem)
        if (sh.stems[at] === stem) return sh.terms[at]
      }
      return undefined
    }
    var docs = meta.docs.map(function (d) {
      return { location: d[0], title: d[1], authors: d[2], lang: d[3], kind: d[4], length: d[5] }
    })
    var N = Math.max(docs.length, 1)
    var avgLen = docs.reduce(function (a, d) { return a + d.length }, 0) / N || 1
    var maxIdf = Math.log(1 + (N - 0.5) / 1.5)
    var normalise = makeNormaliser(meta)
    var stemsOf = makeStemmer(meta, snowball)
    var glossary = meta.glossary.map(function (entry) {
      var out = {}
      for (var lang in entry) out[lang] = entry[lang]
      return out
    })
    var decoded = new Map()

    function find(term) { return lowerBound(terms, term) }

    function postingsOf(id) {
      var p = decoded.get(id)
      if (!p) { p = decode(postings[id]); decoded.set(id, p) }
      return p
    }

    // Add every document of term `id` to `res` at `tier`, keeping each document's best score.
    function addTerm(res, id, tier) {
      var p = postingsOf(id), df = p.length / 2
      var idf = Math.min(1, Math.log(1 + (N - df + 0.5) / (df + 0.5)) / maxIdf)
      var doc = 0
      for (var i = 0; i < p.length; i += 2) {
        doc += p[i]
        var w = p[i + 1], d = docs[doc]
        var tf = w / (w + K1 * (1 - B + B * d.length / avgLen))
        var score = tier + Math.max(idf, 0.01) * tf
        var e = res.get(doc)
        if (!e) { e = { score: 0, tier: 0, terms: new Set(), via: null }; res.set(doc, e) }
        if (score > e.score) { e.score = score; e.tier = tier }
        e.terms.add(terms[id])
      }
    }

    // Documents matching one token: exact, then prefix, then stem.
    function matchToken(tok, allowPrefix) {
      var res = new Map()
      var at = find(tok), exact = at < terms.length && terms[at] === tok ? at : -1
      if (exact >= 0) addTerm(res, exact, TIER.exact)
      if (allowPrefix) {
        for (var i = at, n = 0; i < terms.length && n < PREFIX_MAX_TERMS; i++) {
          if (!terms[i].startsWith(tok)) break
          if (i !== exact) { addTerm(res, i, TIER.prefix); n++ }
        }
      }
      stemsOf(tok).forEach(function (s) {
        var enc = termsOfStem(s)
        if (!enc) return
        var ids = decode(enc), id = 0
        for (var j = 0; j < ids.length; j++) { id += ids[j]; if (id !== exact) addTerm(res, id, TIER.stem) }
      })
      return res
    }

    function sameWord(a, b) {
      if (a === b) return true
      var sa = stemsOf(a), sb = stemsOf(b)
      return sa.some(function (s) { return sb.indexOf(s) >= 0 })
    }

    // Glossary translations of query spans: [{from, to, seq}] (token indices from..to-1).
    function expansions(qtoks) {
      var out = []
      glossary.forEach(function (entry) {
        Object.keys(entry).forEach(function (lang) {
          entry[lang].forEach(function (seq) {
            for (var i = 0; i + seq.length <= qtoks.length; i++) {
              var ok = true
              for (var k = 0; k < seq.length && ok; k++) ok = sameWord(qtoks[i + k], seq[k])
              if (!ok) continue
              Object.keys(entry).forEach(function (other) {
                if (other === lang) return
                entry[other].forEach(function (target) {
                  if (target.join(" ") === seq.join(" ")) return
                  out.push({ from: i, to: i + seq.length, seq: target })
                })
              })
            }
          })
        })
      })
      return out
    }

    // Documents holding every word of a translated term, scored in the cross-language tier.
    function matchSequence(seq) {
      var maps = seq.map(function (t) { return matchToken(t, false) })
      var res = new Map()
      maps[0].forEach(function (e, doc) {
        var rel = 0, termsHit = new Set()
        for (var k = 0; k < maps.length; k++) {
          var m = maps[k].get(doc)
          if (!m) return
          rel += m.score - Math.floor(m.score)
          m.terms.forEach(function (t) { termsHit.add(t) })
        }
        res.set(doc, { score: TIER.cross + rel / maps.length, tier: TIER.cross, terms: termsHit,
                       via: seq.join(" ") })
      })
      return res
    }

    /** Rank documents for `query`: [{doc, score, terms: Set, matched: {token: bool}, via}]. */
    function search(query) {
      var qtoks = tokenize(normalise(query || ""))
      if (!qtoks.length) return []
      var perToken = qtoks.map(function (t, i) {
        return matchToken(t, t.length >= PREFIX_MIN || (i === qtoks.length - 1 && t.length >= 2))
      })
      expansions(qtoks).forEach(function (x) {
        var res = matchSequence(x.seq)
        for (var i = x.from; i < x.to; i++) {
          res.forEach(function (e, doc) {
            var cur = perToken[i].get(doc)
            if (!cur) {
              perToken[i].set(doc, { score: e.score, tier: e.tier, terms: new Set(e.terms),
                                     via: [qtoks.slice(x.from, x.to).join(" "), e.via] })
            } else {
              e.terms.forEach(function (t) { cur.terms.add(t) })
              if (e.score > cur.score) {
                cur.score = e.score; cur.tier = e.tier
                cur.via = [qtoks.slice(x.from, x.to).join(" "), e.via]
              }
            }
          })
        }
      })
      var all = new Map()
      perToken.forEach(function (res, i) {
        res.forEach(function (e, doc) {
          var a = all.get(doc)
          if (!a) {
            a = { doc: doc, sum: 0, hits: 0, terms: new Set(), matched: {}, via: [],
                  byToken: qtoks.map(function () { return new Set() }) }
            all.set(doc, a)
          }
          a.sum += e.score; a.hits++
          e.terms.forEach(function (t) { a.terms.add(t) })
          if (e.tier > TIER.cross) a.byToken[i] = e.terms
          a.matched[qtoks[i]] = true
          if (e.via && e.tier === TIER.cross) a.via.push(e.via)
        })
      })
      var ranked = []
      all.forEach(function (a) {
        qtoks.forEach(function (t) { if (!(t in a.matched)) a.matched[t] = false })
        var score = a.sum * (a.hits / qtoks.length) * (docs[a.doc].kind === "page" ? PAGE_FACTOR : 1)
        ranked.push({ doc: a.doc, score: score, terms: a.terms, matched: a.matched, via: a.via,
                      byToken: a.byToken })
      })
      ranked.sort(function (x, y) { return y.score - x.score || x.doc - y.doc })
      return ranked.slice(0, MAX_RESULTS)
    }

    var tokenCache = new Map()

    // Move up the first `k` results whose title or text hold adjacent query words side by side.
    function rerank(ranked, texts, k) {
      k = Math.min(k === undefined ? SNIPPET_DOCS : k, ranked.length)
      var head = ranked.slice(0, k)
      head.forEach(function (r) {
        var sets = r.byToken
        if (sets.length < 2 || !texts || !texts.has(r.doc)) return
        var toks = tokenCache.get(r.doc)
        if (!toks) {
          toks = tokenize(normalise(docs[r.doc].title + "\n" + texts.get(r.doc)))
          tokenCache.set(r.doc, toks)
        }
        for (var i = 0; i + 1 < sets.length; i++) {
          if (!sets[i].size || !sets[i + 1].size) continue
          for (var p = 0; p + 1 < toks.length; p++) {
            if (sets[i].has(toks[p]) && sets[i + 1].has(toks[p + 1])) { r.score += PHRASE_BONUS; break }
          }
        }
      })
      head.sort(function (x, y) { return y.score - x.score || x.doc - y.doc })
      return head.concat(ranked.slice(k))
    }

    /* ------------------------------------------------------------ rendering */

    // `text` with the words whose normalised form is in `hits` wrapped in <mark>, HTML-escaped.
    function highlight(text, hits, start, end) {
      var out = "", pos = start, m
      var re = new RegExp(TOKEN.source, "gu")
      re.lastIndex = start
      while ((m = re.exec(text)) && m.index < end) {
        if (m.index + m[0].length > end) break
        if (hits.has(normalise(m[0]))) {
          out += escapeHtml(text.slice(pos, m.index)) + "<mark>" + escapeHtml(m[0]) + "</mark>"
          pos = m.index + m[0].length
        }
      }
      return out + escapeHtml(text.slice(pos, end))
    }

    // Window of the text with the most distinct matched words.
    function snippet(text, hits) {
      var found = [], m, re = new RegExp(TOKEN.source, "gu")
      while ((m = re.exec(text))) {
        var n = normalise(m[0])
        if (hits.has(n)) found.push({ at: m.index, term: n })
      }
      var start = 0
      if (found.length) {
        var best = -1
        for (var i = 0; i < found.length; i++) {
          var seen = new Set()
          for (var j = i; j < found.length && found[j].at < found[i].at + SNIPPET_CHARS * 0.7; j++)
            seen.add(found[j].term)
          if (seen.size > best) { best = seen.size; start = found[i].at }
        }
        start = Math.max(0, start - Math.floor(SNIPPET_CHARS * 0.25))
        if (start > 0) { var sp = text.indexOf(" ", start); if (sp >= 0 && sp < start + 30) start = sp + 1 }
      }
      var end = Math.min(text.length, start + SNIPPET_CHARS)
      if (end < text.length) { var back = text.lastIndexOf(" ", end); if (back > start + SNIPPET_CHARS / 2) end = back }
      return (start > 0 ? "… " : "") + highlight(text, hits, start, end) + (end < text.length ? " …" : "")
    }

    // The page link with the matched forms for the article to mark (reader.js reads `h`).
    function link(d, r) {
      var forms = Array.from(r.terms).slice(0, HIGHLIGHT_MAX)
      return forms.length ? d.location + "?h=" + encodeURIComponent(forms.join(" ")) : d.location
    }

    /** Material's SearchResult for ranked results; `texts` maps doc id -> display text. */
    function result(ranked, texts, lang) {
      var via = ((meta.labels || {}).via || {})[lang] || ((meta.labels || {}).via || {}).en || ""
      return {
        items: ranked.map(function (r) {
          var d = docs[r.doc], html = ""
          if (d.authors)
            html += "<p class=\"jinaq-search__authors\">" + highlight(d.authors, r.terms, 0, d.authors.length) + "</p>"
          var text = texts && texts.get(r.doc)
          if (text) html += "<p>" + snippet(text, r.terms) + "</p>"
          if (r.via.length)
            html += "<p class=\"jinaq-search__via\">" + escapeHtml(via) + ": " +
              r.via.map(function (v) { return escapeHtml(v[0]) + " → " + escapeHtml(v[1]) })
                .filter(function (v, i, a) { return a.indexOf(v) === i }).join("; ") + "</p>"
          return [{
            location: link(d, r),
            title: highlight(d.title, r.terms, 0, d.title.length),
            text: html,
            score: Math.round(r.score * 1000) / 1000,
            terms: r.matched
          }]
        })
      }
    }

    return { search: search, rerank: rerank, result: result, normalise: normalise, stemsOf: stemsOf,
             tokenize: function (t) { return tokenize(normalise(t)) }, docs: docs }
  }

  /* ---------------------------------------------------------------- node (tests) */

  /** The text a search/text file packed (base64 of gzip), as a Promise; it rejects where the
   * browser has no DecompressionStream (results then show no snippet). */
  function unpackText(data) {
    var bytes = Uint8Array.from(atob(data), function (c) { return c.charCodeAt(0) })
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))
    return new Response(stream).text()
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { createEngine: createEngine, decode: decode, unpackText: unpackText,
                       SNIPPET_DOCS: SNIPPET_DOCS }
    return
  }

  /* ---------------------------------------------------------------- worker */

  var scriptUrl = (typeof document !== "undefined" && document.currentScript &&
                   document.currentScript.src) || root.location.href
  var pageLang = ((/[?&]lang=([a-z]{2})/.exec(scriptUrl) || [])[1]) || "en"
  var indexBase = new URL("../../../search/", scriptUrl)
  var stemmerUrl = new URL("../../vendor/snowball-stemmers/snowball-stemmers.js", scriptUrl)
  var engine = null, loading = null, texts = new Map(), latest = 0

  // importScripts is synchronous in a worker and returns a Promise under iframe-worker.
  function load(urls) {
    try {
      return Promise.resolve(urls.length ? root.importScripts.apply(root, urls) : undefined)
    } catch (err) {
      return Promise.reject(err)
    }
  }

  root.__jinaqText = function (id, text) { texts.set(id, text) }
  // A text file packs its text (gzip, base64): inflated when its results are shown.
  var packed = new Map()
  root.__jinaqTextGz = function (id, data) { packed.set(id, data) }

  function unpackAll(ids) {
    return Promise.all(ids.filter(function (id) { return packed.has(id) }).map(function (id) {
      var data = packed.get(id)
      packed.delete(id)
      return unpackText(data).then(function (text) { texts.set(id, text) }, function (err) {
        console.warn("search: text not unpacked", err)  // that result shows no snippet
      })
    }))
  }

  function setup() {
    return load([stemmerUrl.href, new URL("jinaq-manifest.js", indexBase).href])
      .then(function () {
        return load(root.__jinaqManifest.shards.map(function (s) { return new URL(s, indexBase).href }))
      })
      .then(function () {
        engine = createEngine(root.__jinaqIndex, root.snowballFactory)
        root.__jinaqIndex = null
      })
  }

  function answer(query, seq, ranked) {
    if (!engine) return Promise.resolve({ items: [] })
    ranked = ranked || engine.search(query)
    var dir = root.__jinaqManifest.text
    var missing = ranked.slice(0, SNIPPET_DOCS)
      .filter(function (r) { return !texts.has(r.doc) })
      .map(function (r) { return new URL(dir + r.doc + ".js", indexBase).href })
    var ids = ranked.slice(0, SNIPPET_DOCS).map(function (r) { return r.doc })
    return load(missing).then(function () { return unpackAll(ids) })
      .catch(function (err) { console.warn("search: text not loaded", err) })
      .then(function () {
        return seq === latest ? engine.result(engine.rerank(ranked, texts), texts, pageLang) : null
      })
  }

  root.addEventListener("message", function (ev) {
    var msg = ev.data
    if (msg.type === SETUP) {
      loading = loading || setup()
      loading.catch(function (err) { console.warn("search: index not loaded", err) })
        .then(function () { postMessage({ type: READY }) })
    } else if (msg.type === QUERY) {
      var seq = ++latest, quick = null
      // Answer at once from the index alone, then again once the top results' texts are in
      // (snippets, and phrase proximity for the order): the reader sees results without waiting.
      if (engine) {
        quick = engine.search(msg.data)
        if (quick.length && quick.slice(0, SNIPPET_DOCS).some(function (r) { return !texts.has(r.doc) }))
          postMessage({ type: RESULT, data: engine.result(quick, texts, pageLang) })
      }
      // The texts in a task of their own: a site opened from disk runs this script in a frame
      // (iframe-worker), on the page's thread, which shows those results first; and a query
      // typed meanwhile makes this one's texts needless.
      setTimeout(function () {
        if (seq !== latest) return  // a newer query came meanwhile: its answer follows
        answer(msg.data, seq, quick).then(function (data) {
          if (data) postMessage({ type: RESULT, data: data })
        }, function (err) {
          console.warn("search: query failed", err)
          postMessage({ type: RESULT, data: { items: [] } })
        })
      }, 0)
    }
  })
})(typeof self !== "undefined" ? self : this)
