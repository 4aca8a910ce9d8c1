// A live story's open page (templates/articles/live_coverage.html): every so often ask
// the API for entries newer than the newest shown, and offer them with a button that
// says how many, so nothing moves under the reader until they ask.
(function () {
  "use strict"
  const section = document.querySelector("[data-live-entries]")
  if (!section || section.hasAttribute("data-live-ended")) return
  const list = section.querySelector("[data-live-list]")
  const offer = section.querySelector(".live__new")
  const button = offer.querySelector("button")
  const every = Number(section.dataset.livePoll || 15) * 1000
  let newest = section.dataset.liveNewest
  let waiting = [] // entries fetched, not shown yet, newest first

  function label() {
    const n = waiting.length
    button.textContent = n === 1 ? "1 new update" : `${n} new updates`
    offer.hidden = n === 0
  }

  async function poll() {
    if (document.hidden) return
    const url = new URL(section.dataset.liveEntries, window.location.href)
    if (newest) url.searchParams.set("after", newest)
    try {
      // Revalidated every time (an ETag answers 304 while nothing changed): a copy the
      // browser keeps for the page cache's max-age would hide new entries.
      const response = await fetch(url, { cache: "no-cache", headers: { Accept: "application/json" } })
      if (!response.ok) return
      const data = await response.json()
      if (data.entries.length) {
        const known = new Set(waiting.map((entry) => entry.id))
        waiting = [...data.entries.filter((entry) => !known.has(entry.id)), ...waiting]
        newest = data.newest
        label()
      }
      if (data.ended) clearInterval(timer)
    } catch (error) {
      // Offline for a moment: the next poll tries again.
    }
  }

  button.addEventListener("click", () => {
    const none = list.querySelector(".live__none")
    if (none) none.remove()
    const template = document.createElement("template")
    template.innerHTML = waiting.map((entry) => entry.html).join("")
    const first = template.content.firstElementChild
    list.prepend(template.content)
    waiting = []
    label()
    if (first) {
      first.tabIndex = -1
      first.focus()
    }
  })

  const timer = setInterval(poll, every)
  document.addEventListener("visibilitychange", () => document.hidden || poll())
})()
