/* The documents index (scripts/edition/render_index.py): sort by a column, narrow by
 * words and by kind, year, sender and classification, and show the rows a page at a
 * time, so that an edition of thousands of documents stays quick to read. Rows are
 * moved and hidden, never rewritten: their text stays as the edition wrote it. */
(() => {
  const table = document.querySelector("table.edition-index")
  const controls = document.querySelector(".edition-index-controls")
  if (!table || !controls || table.dataset.ready) return
  table.dataset.ready = "true"
  const body = table.tBodies[0]
  const rows = [...body.rows]
  const words = controls.querySelector(".edition-index-words")
  const selects = [...controls.querySelectorAll("select[data-filter]")]
  const status = controls.querySelector(".edition-index-status")
  const more = document.querySelector(".edition-index-more")
  const PAGE = 200
  let limit = PAGE
  let matching = rows

  for (const select of selects) {
    const name = select.dataset.filter
    const counts = new Map()
    for (const row of rows) {
      const value = row.dataset[name]
      if (value) counts.set(value, (counts.get(value) || 0) + 1)
    }
    const values = [...counts.keys()].sort()
    if (name === "year") values.reverse()
    if (values.length < 2) {
      select.closest("label").hidden = true
      continue
    }
    for (const value of values) {
      const option = document.createElement("option")
      option.value = value
      option.textContent = `${value} (${counts.get(value)})`
      select.append(option)
    }
  }

  const texts = new Map(rows.map((row) => [row, row.textContent.toLowerCase()]))

  function apply() {
    const needles = words.value.toLowerCase().split(/\s+/).filter(Boolean)
    const chosen = selects.filter((s) => s.value).map((s) => [s.dataset.filter, s.value])
    matching = rows.filter(
      (row) =>
        chosen.every(([name, value]) => row.dataset[name] === value) &&
        needles.every((needle) => texts.get(row).includes(needle)),
    )
    const shown = new Set(matching.slice(0, limit))
    for (const row of rows) row.hidden = !shown.has(row)
    const count = matching.length
    status.textContent =
      count === rows.length
        ? `${count} documents`
        : `${count} of ${rows.length} documents`
    more.hidden = count <= limit
    more.textContent = `Show ${Math.min(PAGE, count - limit)} more of ${count - limit}`
  }

  // Sorting: a button in each column head; a second press reverses the order.
  const heads = [...table.tHead.rows[0].cells]
  heads.forEach((head, column) => {
    const button = document.createElement("button")
    button.type = "button"
    button.className = "edition-index-sort"
    button.textContent = head.textContent
    head.replaceChildren(button)
    button.addEventListener("click", () => {
      const ascending = head.getAttribute("aria-sort") !== "ascending"
      heads.forEach((h) => h.removeAttribute("aria-sort"))
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending")
      const key = (row) => {
        const cell = row.cells[column]
        return cell.dataset.sort ?? cell.textContent
      }
      rows.sort((a, b) => {
        const [x, y] = [key(a), key(b)]
        // Undated rows and empty cells last, whichever the direction.
        if (!x || !y) return !x - !y
        return ascending ? x.localeCompare(y) : y.localeCompare(x)
      })
      body.append(...rows)
      apply()
    })
  })
  heads[0].setAttribute("aria-sort", "ascending")

  let typing = null
  words.addEventListener("input", () => {
    clearTimeout(typing)
    typing = setTimeout(() => {
      limit = PAGE
      apply()
    }, 120)
  })
  for (const select of selects)
    select.addEventListener("change", () => {
      limit = PAGE
      apply()
    })
  more.addEventListener("click", () => {
    limit += PAGE
    apply()
  })
  controls.hidden = false
  apply()
})()
