// Embeds from other sites (templates/elements/embed.html): the card shows words and a
// thumbnail we stored; the provider's frame loads only when the reader presses the
// button, and the page's Content-Security-Policy frames that provider's origin only.
(function () {
  "use strict"
  for (const figure of document.querySelectorAll("figure[data-embed-frame]")) {
    const button = figure.querySelector(".embed__load")
    if (!button) continue
    button.hidden = false
    button.addEventListener("click", () => {
      const frame = document.createElement("iframe")
      frame.className = "embed__frame"
      frame.src = figure.dataset.embedFrame
      frame.title = figure.dataset.embedTitle
      frame.setAttribute("allow", "fullscreen; encrypted-media; picture-in-picture")
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin")
      // The provider's own scripts run inside, on its origin, and may open its site in
      // a new tab; they may not navigate our page.
      frame.setAttribute(
        "sandbox",
        "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation",
      )
      const card = figure.querySelector(".embed__card")
      card.replaceWith(frame)
      frame.focus()
    })
  }
})()
