/* The header's search box, and Material's search dialog as a dialog for the keyboard. While it is open, Tab and
 * Shift+Tab move between the search box and the results and stay inside (Material
 * would close the dialog on Tab and leave focus in the page behind it); the arrow
 * keys and Enter work as Material makes them. When it closes (Escape, the overlay,
 * the close button), focus goes back to where the reader was before opening it.
 * Listeners sit on the document, so instant navigation keeps them. */
(() => {
  if (window.editionSearchDialog) return
  window.editionSearchDialog = true
  let opener = null // the element focused before the dialog opened

  const toggle = () => document.getElementById("__search")
  const dialog = () => document.querySelector(".md-search")

  document.addEventListener("focusin", (event) => {
    const root = dialog()
    if (root && !root.contains(event.target) && event.target !== document.body) opener = event.target
  })

  function restore() {
    if (toggle()?.checked || !opener || !document.contains(opener)) return
    const active = document.activeElement
    if (active === document.body || dialog()?.contains(active)) opener.focus()
  }

  // The search box, then each result's links, in the order shown.
  function stops() {
    const root = dialog()
    if (!root) return []
    const links = [...root.querySelectorAll(".md-search-result__item a[href]")]
    return [root.querySelector(".md-search__input"), ...links].filter((el) => el && el.getClientRects().length)
  }

  document.addEventListener("keydown", (event) => {
    if (!toggle()?.checked) return
    if (event.key === "Escape") {
      setTimeout(restore, 0) // once Material has closed it
      return
    }
    if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return
    const items = stops()
    if (!items.length) return
    // Before Material's own handler (on the window), which would close the dialog.
    event.preventDefault()
    event.stopPropagation()
    const at = items.indexOf(document.activeElement)
    const next = event.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : (at + 1) % items.length
    items[next].focus()
  }, true)
  document.addEventListener("change", (event) => {
    if (event.target === toggle()) setTimeout(restore, 0)
  })
  // The header's search box (with Pagefind: overrides/main.html) opens the search page
  // at the site's root: its relative address was written for the page first loaded,
  // which instant navigation has since left.
  document.addEventListener("submit", (event) => {
    const form = event.target.closest?.("form.edition-header-search")
    if (form && window.__md_scope) form.action = new URL(form.dataset.searchPage, window.__md_scope).href
  })
  document.addEventListener("click", (event) => {
    if (event.target.closest?.(".md-search__overlay, .md-search__icon[for=__search]")) setTimeout(restore, 0)
  })
})()
