// The desk's live page: the entries list is read again every few seconds, so editors
// posting to the same story at once see each other's entries without reloading.
(function () {
  "use strict"
  const box = document.querySelector("[data-live-desk]")
  if (!box) return
  setInterval(async () => {
    if (document.hidden || box.contains(document.activeElement)) return
    const response = await fetch(box.dataset.liveDesk, { credentials: "same-origin" })
    if (response.ok) box.innerHTML = await response.text()
  }, 5000)
})()
