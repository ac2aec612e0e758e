// Citable paragraphs. Each numbered paragraph of a document gets two small buttons:
// one copies the paragraph's address, the other its citation (the page's citation,
// embedded as JSON by the edition, with the paragraph's number and address). The
// paragraph a link leads to is marked: the stylesheet's :target does that on a full
// page load, but the theme's instant navigation changes the address without the
// browser seeing a new target. A printed page is headed by the document's id and
// address (print.css reads them from two properties set here).
(function () {
  var PARAGRAPHS = "article [id].edition-para, article [id].edition-item, article [id].edition-source"

  function pageCitation() {
    var element = document.getElementById("edition-citation")
    if (!element) return null
    try {
      return JSON.parse(element.textContent)
    } catch (error) {
      return null
    }
  }

  function pageAddress() {
    return location.href.split("#")[0].split("?")[0]
  }

  // The paragraph's number as printed (a cable's) or as the edition assigns it.
  function numberOf(paragraph) {
    if (paragraph.dataset.number) return paragraph.dataset.number
    var number = paragraph.querySelector(":scope > .edition-pnum")
    return number ? number.textContent.trim().replace(/\.$/, "") : ""
  }

  function where(paragraph) {
    var number = numberOf(paragraph)
    return number ? "¶ " + number : "unnumbered paragraph"
  }

  // A paragraph's citation: cite.js fills the page's paragraph template (its number,
  // anchor and the reader's access date; citations.py); without it, the page's
  // citation followed by the paragraph's number and address; without either, the
  // page's title and address.
  function citationOf(paragraph) {
    var number = numberOf(paragraph)
    if (window.editionCitation && number) {
      var filled = window.editionCitation.paragraph("chicago", number, paragraph.id)
      if (filled) return filled
    }
    var cited = pageCitation()
    var address = cited && cited.url ? cited.url + "#" + paragraph.id : ""
    if (cited && cited.chicago) {
      var base = cited.chicago.trim().replace(/\.$/, "")
      return base + ", " + where(paragraph) + (address ? ", " + address : "") + "."
    }
    var title = document.querySelector("article h1")
    var name = title ? title.textContent.replace(/¶\s*$/, "").trim() : document.title
    return name + ", " + where(paragraph) + ", " + pageAddress() + "#" + paragraph.id + "."
  }

  function copy(button, text) {
    var label = button.textContent
    function done(message) {
      button.textContent = message
      setTimeout(function () { button.textContent = label }, 1500)
    }
    // cite.js copies with a fallback where the clipboard API is missing (plain HTTP).
    if (window.editionCitation && window.editionCitation.copy) {
      Promise.resolve(window.editionCitation.copy(text)).then(function (ok) { done(ok ? "copied" : "not copied") })
      return
    }
    if (!navigator.clipboard) return done("not copied")
    navigator.clipboard.writeText(text).then(function () { done("copied") }, function () { done("not copied") })
  }

  function button(text, description, action) {
    var element = document.createElement("button")
    element.type = "button"
    element.className = "edition-para-action"
    element.textContent = text
    element.setAttribute("aria-label", description)
    element.title = description
    element.addEventListener("click", function (event) {
      event.preventDefault()
      action(element)
    })
    return element
  }

  function addActions() {
    document.querySelectorAll(PARAGRAPHS).forEach(function (paragraph) {
      if (paragraph.querySelector(":scope > .edition-para-actions")) return
      var name = where(paragraph)
      var actions = document.createElement("span")
      actions.className = "edition-para-actions"
      actions.setAttribute("data-search-exclude", "")
      actions.setAttribute("data-pagefind-ignore", "")
      actions.appendChild(button("link", "Copy the address of " + name, function (element) {
        copy(element, pageAddress() + "#" + paragraph.id)
      }))
      actions.appendChild(button("cite", "Copy a citation of " + name, function (element) {
        copy(element, citationOf(paragraph))
      }))
      paragraph.appendChild(actions)
    })
  }

  function markArrival() {
    document.querySelectorAll(".edition-arrived").forEach(function (element) {
      element.classList.remove("edition-arrived")
    })
    if (location.hash.length < 2) return
    var id = location.hash.slice(1)
    try {
      id = decodeURIComponent(id)
    } catch (error) {
      // a malformed address: its fragment as written
    }
    var target = document.getElementById(id)
    if (target && target.matches(PARAGRAPHS)) target.classList.add("edition-arrived")
  }

  // A CSS string of `text`, for the running head of printed pages (print.css).
  function cssString(text) {
    return '"' + text.replace(/[\\"]/g, "\\$&").replace(/[\n\r\f]/g, " ") + '"'
  }

  function runningHead() {
    var root = document.documentElement.style
    var line = document.querySelector("article .edition-docline[data-document-id]")
    if (!line) {
      root.removeProperty("--edition-running-id")
      root.removeProperty("--edition-running-address")
      return
    }
    root.setProperty("--edition-running-id", cssString(line.getAttribute("data-document-id")))
    root.setProperty("--edition-running-address", cssString(pageAddress()))
  }

  function setUp() {
    addActions()
    markArrival()
    runningHead()
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp) // every page the theme's instant navigation shows
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp)
  } else {
    setUp()
  }
  window.addEventListener("hashchange", markArrival)
})()
