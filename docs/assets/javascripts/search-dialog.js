/* Material's search dialog returns focus: when it closes (Escape, the overlay, the
 * close button, Tab out of it), focus goes back to where the reader was before opening
 * it, instead of to the top of the page. Inside the dialog Material's own keys apply:
 * the arrow keys move through the results, Enter opens one. Listeners sit on the
 * document, so instant navigation keeps them. */
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

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle()?.checked) setTimeout(restore, 0) // once Material has closed it
  }, true)
  document.addEventListener("change", (event) => {
    if (event.target === toggle()) setTimeout(restore, 0)
  })
  document.addEventListener("click", (event) => {
    if (event.target.closest?.(".md-search__overlay, .md-search__icon[for=__search]")) setTimeout(restore, 0)
  })
})()
