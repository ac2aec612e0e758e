/*
 * Citations: the copy buttons of the "Cite this" section and the reader's access date.
 *
 * The page is built without an access date (the build's day is not the reader's):
 * each reference holds an empty <span data-accessed="STYLE"> where the date goes,
 * filled here with today's date when the page is shown and again when a reference
 * is copied. What fills it matches `access_text` in scripts/edition/citations.py.
 *
 * A button <button class="edition-copy" data-copy-target="ID"> copies the text of
 * the element ID. `window.editionCitation` gives other scripts the page's references
 * (from <script type="application/json" id="edition-citation">, contract in
 * citations.py): `.document(style)` and `.paragraph(style, number, anchor)`, with
 * today's access date, style "chicago" or "mla"; `.copy(text)` copies any text.
 */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.",
    "Sept.", "Oct.", "Nov.", "Dec."];

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function accessText(style, day) {
    var y = day.getFullYear(), m = day.getMonth(), d = day.getDate();
    switch (style) {
      case "chicago": return "Accessed " + d + " " + MONTHS[m] + " " + y + ". ";
      case "mla": return " Accessed " + d + " " + MLA_MONTHS[m] + " " + y + ".";
      case "bibtex": return ",\n  urldate = {" + y + "-" + pad(m + 1) + "-" + pad(d) + "}";
      case "ris": return "Y2  - " + y + "/" + pad(m + 1) + "/" + pad(d) + "/\n";
      case "csl": return ',\n    "accessed": {"date-parts": [[' + y + ", " + (m + 1) + ", " + d + "]]}";
      default: return "";
    }
  }

  function fillAccessDates(root) {
    var today = new Date();
    var slots = root.querySelectorAll("[data-accessed]");
    for (var i = 0; i < slots.length; i++) {
      slots[i].textContent = accessText(slots[i].getAttribute("data-accessed"), today);
    }
  }

  // Python's format syntax: {name} is a slot, {{ and }} are braces of the text.
  function format(template, values) {
    return template.replace(/\{\{|\}\}|\{(\w+)\}/g, function (match, name) {
      return name ? (values[name] !== undefined ? String(values[name]) : "") : match.charAt(0);
    });
  }

  function data() {
    var element = document.getElementById("edition-citation");
    return element ? JSON.parse(element.textContent) : null;
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(area);
    return done;
  }

  // Resolves to true when the text is on the clipboard.
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallbackCopy(text); }
      );
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function announce(button, done) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = done ? "Copied" : "Copy failed: select the text";
    window.clearTimeout(button.editionTimer);
    button.editionTimer = window.setTimeout(function () {
      button.textContent = label;
    }, 2000);
  }

  // One listener for the whole document: it outlives Material's instant navigation.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.edition-copy[data-copy-target]");
    if (!button) return;
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) return;
    fillAccessDates(target);
    copy(target.textContent).then(function (done) { announce(button, done); });
  });

  window.editionCitation = {
    accessText: accessText,
    format: format,
    data: data,
    copy: copy,
    document: function (style) {
      var citation = data();
      if (!citation) return "";
      return format(citation.templates[style], { accessed: accessText(style, new Date()) });
    },
    paragraph: function (style, number, anchor) {
      var citation = data();
      if (!citation) return "";
      return format(citation.templates["paragraph_" + style], {
        accessed: accessText(style, new Date()), paragraph: number, anchor: anchor
      });
    }
  };

  function setup() {
    fillAccessDates(document);
  }

  // Material's instant navigation swaps the page without reloading it: document$
  // tells of each new page (and of the first).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
