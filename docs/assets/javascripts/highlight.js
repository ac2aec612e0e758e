// Material highlights the words of a search on the page it opens, but splits a
// hyphenated term (Vostok-E) into its parts and marks every occurrence of each
// part: a one-letter part then marks that letter all over the page. Keep a
// one-letter mark only where it is part of a hyphenated term ("Vostok" "-" "E").
(function () {
  // Is `node` a lone hyphen with another mark beyond it?
  function joined(node, direction) {
    return node && node.nodeType === Node.TEXT_NODE && node.textContent === "-" &&
      node[direction] && node[direction].nodeName === "MARK"
  }
  function tidy() {
    document.querySelectorAll("mark[data-md-highlight]").forEach(function (mark) {
      // Material merges marks separated by spaces ("e e"): judge the words inside.
      if (mark.textContent.split(/\s+/).some(function (word) { return word.length > 1 })) return
      if (!joined(mark.previousSibling, "previousSibling") && !joined(mark.nextSibling, "nextSibling")) {
        mark.replaceWith(document.createTextNode(mark.textContent))
      }
    })
  }
  new MutationObserver(function (mutations) {
    for (var i = 0; i < mutations.length; i++) {
      for (var j = 0; j < mutations[i].addedNodes.length; j++) {
        var node = mutations[i].addedNodes[j]
        if (node.nodeName === "MARK" || (node.querySelector && node.querySelector("mark[data-md-highlight]"))) {
          tidy()
          return
        }
      }
    }
  }).observe(document.body, { childList: true, subtree: true })
})()
