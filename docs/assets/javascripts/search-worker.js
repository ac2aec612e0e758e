// Material's search worker, unchanged, plus three fixes. The worker's file name is that
// of the pinned Material.
//
// 1. lunr splits a *query* into terms with the separator it had when it loaded
//    (whitespace and hyphens), not the one configured in mkdocs.yml, so "Vostok-E" was
//    searched as "Vostok" and "E*". Keeping the query lexer in step with the tokenizer
//    makes queries split exactly like the indexed text.
// 2. A phrase in quotation marks reaches the worker as required words: Material writes
//    `"air defence system"` as `+air +defence +system`, which lunr matches in any order
//    and place. Two or more such words in a row are taken as the phrase they came from,
//    and only the sections that hold those words next to each other are kept.
// 3. Pages that hold every word of the query come first.

// The phrases of each query, in the order the queries come: read before Material's
// worker, which answers a query before any listener added after it would see it.
var QUERY = 2, RESULT = 3 // Material's message types
var pending = []
addEventListener("message", function (event) {
  if (event.data && event.data.type === QUERY) pending.push(phrases(String(event.data.data)))
})

// `+air +defence +system` (Material's form of "air defence system") -> [["air", "defence", "system"]]
function phrases(query) {
  var found = []
  var run = []
  query.split(/\s+/).concat([""]).forEach(function (term) {
    if (/^\+[^+\-*~^:]+\*?$/.test(term)) {
      run.push(term.slice(1).replace(/\*$/, "").toLowerCase())
    } else {
      if (run.length > 1) found.push(run)
      run = []
    }
  })
  return found
}

importScripts("workers/search.a7633da7.min.js")

;(function () {
  var separator = lunr.tokenizer.separator
  Object.defineProperty(lunr.tokenizer, "separator", {
    get: function () { return separator },
    set: function (value) {
      separator = value
      lunr.QueryLexer.termSeparator = value
    },
  })
})()

;(function () {
  function words(text) {
    var plain = text.replace(/<[^>]*>/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    return plain.toLowerCase().split(lunr.tokenizer.separator).filter(Boolean)
  }

  function holds(text, phrase) {
    var all = words(text)
    for (var i = 0; i + phrase.length <= all.length; i++) {
      var match = true
      for (var j = 0; j < phrase.length && match; j++) {
        var word = all[i + j]
        // The last word may still be being typed: a prefix is enough.
        match = j === phrase.length - 1 ? word.indexOf(phrase[j]) === 0 : word === phrase[j]
      }
      if (match) return true
    }
    return false
  }

  // How many of the query's words a page holds, in any of its parts.
  function matched(sections) {
    var terms = {}
    sections.forEach(function (section) {
      Object.keys(section.terms || {}).forEach(function (term) {
        if (section.terms[term]) terms[term] = true
      })
    })
    return Object.keys(terms).length
  }

  var post = self.postMessage.bind(self)
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && message.data.items) {
      // 3. Pages that hold every word of the query come first (lunr adds up the
      //    scores of each word: a page that names Baku fifty times would otherwise
      //    come before the cable BAKU 595); the order stays lunr's within each rank.
      var items = message.data.items
      var ranks = new Map(items.map(function (sections) { return [sections, matched(sections)] }))
      message.data.items = items.slice().sort(function (a, b) { return ranks.get(b) - ranks.get(a) })
    }
    if (message && message.type === RESULT && pending.length) {
      var wanted = pending.shift()
      if (wanted.length && message.data && message.data.items) {
        message.data.items = message.data.items
          .map(function (sections) {
            // A page's first item is the page itself, which Material shows as the
            // result's heading: kept whenever a part of the page holds the phrase.
            var holding = sections.filter(function (section) {
              var text = (section.title || "") + " " + (section.text || "")
              return wanted.every(function (phrase) { return holds(text, phrase) })
            })
            if (!holding.length) return holding
            return holding[0] === sections[0] ? holding : [sections[0]].concat(holding)
          })
          .filter(function (sections) { return sections.length })
      }
    }
    return post(message)
  }
})()
