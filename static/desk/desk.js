// The desk's small helpers. Progressive enhancement: the form works without them.
"use strict";

// Length guidance for headline and standfirst, as search results and social cards cut
// longer text.
function attachCounter(field) {
  const limit = Number(field.dataset.recommendedLength);
  const counter = document.createElement("span");
  counter.className = "desk-counter";
  counter.setAttribute("aria-live", "polite");
  field.insertAdjacentElement("afterend", counter);
  const update = () => {
    const length = field.value.length;
    counter.textContent = `${length} / ${limit} characters recommended`;
    counter.classList.toggle("desk-counter--over", length > limit);
  };
  field.addEventListener("input", update);
  update();
}

// Tag suggestions: a datalist of existing tags for the word being typed.
function attachTagSuggestions(input) {
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggestions`;
  input.setAttribute("list", list.id);
  input.insertAdjacentElement("afterend", list);
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const parts = input.value.split(",");
      const term = parts[parts.length - 1].trim();
      if (term.length < 2) return;
      const url = `${input.dataset.suggestUrl}?term=${encodeURIComponent(term)}`;
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) return;
      const { results } = await response.json();
      const prefix = parts.slice(0, -1).map((p) => p.trim()).filter(Boolean);
      list.replaceChildren(
        ...results.map((name) => {
          const option = document.createElement("option");
          option.value = [...prefix, name].join(", ");
          return option;
        }),
      );
    }, 150);
  });
}

// Someone typing in the story form is not idle: tell the server, at most every few
// minutes, so the session does not end under a story being written.
function attachKeepalive(field) {
  const every = 5 * 60 * 1000;
  let last = Date.now();
  const ping = () => {
    if (Date.now() - last < every) return;
    last = Date.now();
    fetch(field.dataset.keepaliveUrl, { credentials: "same-origin" }).catch(() => {});
  };
  field.form.addEventListener("input", ping);
  field.form.addEventListener("keydown", ping);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-keepalive-url]").forEach(attachKeepalive);
  document.querySelectorAll("[data-recommended-length]").forEach(attachCounter);
  document.querySelectorAll("input[data-suggest-url]").forEach(attachTagSuggestions);
});
