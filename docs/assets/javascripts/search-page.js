/* The search page of an edition searched with Pagefind (scripts/edition/pagefind.py).
 *
 * Pagefind's own interface searches only once something is typed; a researcher also
 * browses ("all SECRET cables from Moscow in 2008"). This page uses Pagefind's
 * JavaScript API instead: filters work with an empty query, results can be sorted by
 * date, and the query, filters and sort live in the address (`?q=…&f=post:MOSCOW&sort=date-desc`),
 * so that back, reload and a shared link restore them. Every value from the index is
 * set as text; an excerpt keeps only its <mark> elements.
 */
(() => {
  const root = document.getElementById("edition-search")
  if (!root || root.dataset.ready) return
  root.dataset.ready = "true"
  const form = root.querySelector("form")
  const input = root.querySelector(".edition-search__input")
  const sortBox = root.querySelector(".edition-search__sort")
  const panel = root.querySelector(".edition-search__filters")
  const status = root.querySelector(".edition-search__status")
  const list = root.querySelector(".edition-search__results")
  const more = root.querySelector(".edition-search__more")
  const labels = JSON.parse(document.getElementById("edition-search-labels")?.textContent || "{}")
  const ORDER = ["kind", "year", "month", "classification", "post", "tags", "publication",
    "people", "places", "organisations", "equipment"]
  const NAMES = {
    kind: "Kind", year: "Year", month: "Month", classification: "Classification",
    post: "Post", tags: "TAGS", publication: "Publication", people: "People mentioned",
    places: "Places mentioned", organisations: "Organisations mentioned", equipment: "Equipment mentioned",
  }
  const SORTS = { "date-desc": { date: "desc" }, "date-asc": { date: "asc" } }
  const PAGE = 10 // results drawn at a time: each one fetches its excerpt
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"]
  let pagefind = null
  let parts = 1 // bundles of the index
  const PART = "part"
  let everything = {} // every filter value with its count over the whole edition
  let results = []
  let shown = 0
  let run = 0
  let counts = {} // of the values of each filter, under the current search
  let drawing = false // a batch of results is being drawn

  function readState() {
    const params = new URLSearchParams(location.search)
    const filters = Object.create(null) // names from the address: no inherited keys
    for (const value of params.getAll("f")) {
      const colon = value.indexOf(":")
      if (colon > 0) (filters[value.slice(0, colon)] ??= []).push(value.slice(colon + 1))
    }
    const sort = params.get("sort")
    return { q: params.get("q") || "", sort: Object.hasOwn(SORTS, sort) ? sort : "relevance", filters }
  }

  function address(state) {
    const params = new URLSearchParams()
    if (state.q) params.set("q", state.q)
    if (state.sort !== "relevance") params.set("sort", state.sort)
    for (const name of Object.keys(state.filters).sort())
      for (const value of state.filters[name]) params.append("f", `${name}:${value}`)
    const query = params.toString()
    return location.pathname + (query ? `?${query}` : "")
  }

  function currentState() {
    const filters = {}
    for (const box of panel.querySelectorAll("input[type=checkbox]:checked"))
      (filters[box.name] ??= []).push(box.value)
    return { q: input.value.trim(), sort: sortBox.value, filters }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }

  function valueLabel(name, value) {
    if (name === "month") {
      const [year, month] = value.split("-")
      return MONTHS[Number(month) - 1] ? `${MONTHS[Number(month) - 1]} ${year}` : value
    }
    const meaning = labels[name]?.[value]
    return meaning ? `${value} · ${meaning}` : value
  }

  function sortedValues(name, counts) {
    const values = Object.keys(counts)
    if (name === "year" || name === "month") return values.sort().reverse()
    return values.sort((a, b) => counts[b] - counts[a] || a.localeCompare(b))
  }

  // The filter panel: one folded group per filter, values with their counts; values
  // with no result under the current query are hidden, unless chosen.
  function drawFilters(state, counts) {
    const open = new Set([...panel.querySelectorAll("details[open]")].map((d) => d.dataset.name))
    panel.replaceChildren()
    for (const name of ORDER) {
      if (!everything[name]) continue
      const chosen = new Set(state.filters[name] || [])
      const values = sortedValues(name, everything[name]).filter((v) => chosen.has(v) || (counts[name]?.[v] ?? 0) > 0)
      if (!values.length) continue
      const group = element("details", "edition-search__group")
      group.dataset.name = name
      group.open = open.has(name) || chosen.size > 0
      const summary = element("summary", "edition-search__group-name", NAMES[name] || name)
      if (chosen.size) summary.append(element("span", "edition-search__chosen", ` (${chosen.size})`))
      group.append(summary)
      const options = element("ul", "edition-search__options")
      for (const value of values) {
        const item = element("li")
        const label = element("label")
        const box = element("input")
        box.type = "checkbox"
        box.name = name
        box.value = value
        box.checked = chosen.has(value)
        label.append(box, element("span", "", valueLabel(name, value)),
          element("span", "edition-search__count", ` ${counts[name]?.[value] ?? 0}`))
        item.append(label)
        options.append(item)
      }
      group.append(options)
      panel.append(group)
    }
  }

  // Pagefind's excerpt is HTML with <mark> around the matched words: parsed inert and
  // rebuilt from its text and marks only.
  function excerpt(html) {
    const template = document.createElement("template")
    template.innerHTML = html
    const paragraph = element("p", "edition-search__excerpt")
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") paragraph.append(element("mark", "", node.textContent))
      else paragraph.append(document.createTextNode(node.textContent))
    }
    return paragraph
  }

  function formatDate(iso) {
    const [year, month, day] = iso.split("-")
    if (!month) return year
    const name = `${MONTHS[Number(month) - 1]} ${year}`
    return day ? `${Number(day)} ${name}` : name
  }

  function describe(meta) {
    const parts = []
    if (meta.id) parts.push(meta.id)
    if (meta.date) parts.push(formatDate(meta.date) + (meta.date_note ? ` (${meta.date_note})` : ""))
    for (const key of ["post", "classification", "publication", "author"]) if (meta[key]) parts.push(meta[key])
    if (!parts.length && meta.kind) parts.push(meta.kind)
    return parts.join(" · ")
  }

  async function drawMore() {
    if (drawing) return
    drawing = true
    more.hidden = true
    try {
      await drawBatch()
    } finally {
      drawing = false
    }
    more.hidden = shown >= results.length
  }

  async function drawBatch() {
    const batch = results.slice(shown, shown + PAGE)
    shown += batch.length // claimed at once: a second press draws the next batch
    const mine = run
    // Every result's data is asked for at once; each is shown as soon as it and those
    // before it have come, so the first result does not wait for the twentieth.
    const pending = batch.map((r) => r.data())
    for (const next of pending) {
      const result = await next
      if (mine !== run) return
      const item = element("li", "edition-search__result")
      const link = element("a", "edition-search__link", result.meta?.title || result.url)
      link.href = result.url
      const heading = element("h3", "edition-search__title")
      heading.append(link)
      item.append(heading)
      const line = describe(result.meta || {})
      if (line) item.append(element("p", "edition-search__meta", line))
      if (result.excerpt) item.append(excerpt(result.excerpt))
      list.append(item)
    }
  }

  // Pagefind orders the results of several bundles by score, whatever the sort. The
  // parts hold the pages in date order (the first the earliest), so results by date
  // are each part's own sorted results, part after part.
  async function searchSorted(query, options) {
    const numbers = Array.from({ length: parts }, (_, i) => String(i + 1))
    if (Object.values(options.sort)[0] === "desc") numbers.reverse()
    const each = await Promise.all(
      numbers.map((part) => pagefind.search(query, { ...options, filters: { ...options.filters, [PART]: part } })),
    )
    if (each.some((found) => !found)) return null
    const filters = {}
    for (const found of each) {
      for (const [name, values] of Object.entries(found.filters || {})) {
        filters[name] = filters[name] || {}
        for (const [value, count] of Object.entries(values)) filters[name][value] = (filters[name][value] || 0) + count
      }
    }
    return { results: each.flatMap((found) => found.results), filters }
  }

  async function search(state) {
    const mine = ++run
    const browsing = !state.q
    const hasFilters = Object.keys(state.filters).length > 0
    if (browsing && !hasFilters) {
      results = []
      list.replaceChildren()
      more.hidden = true
      status.textContent = "Type a query, or choose filters to browse the edition."
      counts = everything
      drawFilters(state, everything)
      return
    }
    status.textContent = "Searching…"
    const options = { filters: state.filters }
    if (SORTS[state.sort]) options.sort = SORTS[state.sort]
    const found = options.sort
      ? await searchSorted(browsing ? null : state.q, options)
      : await pagefind.search(browsing ? null : state.q, options)
    if (mine !== run || !found) return
    results = found.results
    shown = 0
    drawing = false
    list.replaceChildren()
    const count = results.length
    const what = browsing ? "matching the filters" : `for “${state.q}”`
    const order = SORTS[state.sort] ? " (dated documents only, by date)" : ""
    counts = found.filters || {}
    drawFilters(state, counts)
    await drawMore()
    // Said once the first results are drawn: a reader (or a test) can rely on it.
    if (mine === run) status.textContent = `${count} ${count === 1 ? "result" : "results"} ${what}${order}`
  }

  function show(state) {
    input.value = state.q
    sortBox.value = state.sort
    drawFilters(state, everything)
    return search(state)
  }

  let typing = null
  let ready = null // Pagefind loaded, with the edition's filters
  async function changed(push) {
    await ready
    const state = currentState()
    history[push ? "pushState" : "replaceState"](null, "", address(state))
    clearTimeout(typing)
    return search(state)
  }

  // Listening from the start: what a reader types while the index loads is kept.
  input.addEventListener("input", () => {
    clearTimeout(typing)
    typing = setTimeout(() => changed(false), 150)
  })
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    changed(true)
  })
  sortBox.addEventListener("change", () => changed(true))
  panel.addEventListener("change", () => changed(true))
  more.addEventListener("click", () => drawMore())
  addEventListener("popstate", () => {
    if (document.body.contains(root)) ready.then(() => show(readState()))
  })

  async function start() {
    const bundle = new URL(root.dataset.bundle, location.href).href
    // A large edition's index comes in parts (scripts/edition/pagefind_parts.py): the
    // first bundle, and the others it lists, searched as one.
    const listing = fetch(`${bundle}edition-bundles.json`)
      .then((response) => (response.ok ? response.json() : { bundles: [] }))
      .catch(() => ({ bundles: [] }))
    pagefind = await import(`${bundle}pagefind.js`)
    // Each part is told apart by a filter of its own (hidden): see searchSorted.
    await pagefind.options({ excerptLength: 30, mergeFilter: { [PART]: "1" } })
    const others = (await listing).bundles || []
    await Promise.all(
      others.map((path, i) =>
        pagefind.mergeIndex(new URL(path, bundle).pathname, { mergeFilter: { [PART]: String(i + 2) } }),
      ),
    )
    parts = others.length + 1
    const state = readState()
    if (!state.q && input.value.trim()) state.q = input.value.trim() // typed while loading
    input.value = state.q
    sortBox.value = state.sort
    // The filters' values (every part's) load after the first search: a reader who
    // came with a query sees results first, then the filters with their counts.
    await search(state)
    everything = await pagefind.filters()
    if (!state.q && !Object.keys(state.filters).length) counts = everything
    drawFilters(state, counts)
    root.classList.add("edition-search--ready")
  }

  ready = start()
  ready.catch((error) => {
    status.textContent = "Search could not start: the index did not load."
    console.error(error)
  })
})()
