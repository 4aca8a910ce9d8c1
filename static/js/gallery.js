// Galleries in a story (templates/elements/gallery.html): without this script a list of
// figures; with it, one picture at a time with Previous/Next buttons, the arrow keys
// while focus is in the gallery, and the position announced to screen readers.
"use strict";
(function () {
  function enhance(gallery) {
    var items = Array.prototype.slice.call(gallery.querySelectorAll(".gallery__item"));
    if (items.length < 2) return;
    var current = 0;
    var status = document.createElement("p");
    status.className = "gallery__status";
    status.setAttribute("aria-live", "polite");
    function button(label, text, step) {
      var b = document.createElement("button");
      b.type = "button";
      b.setAttribute("aria-label", label);
      b.textContent = text;
      b.addEventListener("click", function () { show(current + step); });
      return b;
    }
    var previous = button("Previous picture", "← Previous", -1);
    var next = button("Next picture", "Next →", 1);
    var controls = document.createElement("div");
    controls.className = "gallery__controls";
    controls.append(previous, status, next);
    function show(index) {
      current = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.hidden = i !== current; });
      status.textContent = "Picture " + (current + 1) + " of " + items.length;
    }
    gallery.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
      if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
    });
    gallery.classList.add("gallery--enhanced");
    gallery.append(controls);
    show(0);
  }
  function start() {
    document.querySelectorAll("[data-gallery]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
