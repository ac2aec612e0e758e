// Material's search worker, unchanged, plus one fix. lunr splits a *query* into
// terms with the separator it had when it loaded (whitespace and hyphens), not the
// one configured in mkdocs.yml, so "Vostok-E" was searched as "Vostok" and "E*".
// Keeping the query lexer in step with the tokenizer makes queries split exactly
// like the indexed text. The worker's file name is that of the pinned Material.
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
