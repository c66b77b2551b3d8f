/* Citation previews: hovering, focusing or tapping a citation number shows the full reference
   (type, authors, title, source, year, DOI) next to it.

   - Mouse: opens on hover; the preview can itself be hovered (to follow its DOI link).
   - Keyboard: opens on focus, closes on blur or Escape; Enter still follows the link.
   - Touch: the first tap opens the preview instead of jumping to the list; a second tap on
     the number, or the preview's own link, goes to the reference list.
   - Screen readers: each number is named "Reference N" and described by its entry in the list.
   Without JavaScript the number is a plain link to the reference list. */
(function () {
  "use strict";

  var HIDE_DELAY = 250;
  var refs = Array.prototype.slice.call(document.querySelectorAll(".md-content a.footnote-ref[href^='#fn:']"));
  if (!refs.length) return;

  var preview = document.createElement("div");
  preview.className = "medkb-preview md-typeset";
  preview.id = "medkb-citation-preview";
  preview.setAttribute("role", "tooltip");
  preview.hidden = true;
  var body = document.createElement("div");
  body.className = "medkb-preview__reference";
  var jump = document.createElement("a");
  jump.className = "medkb-preview__jump";
  jump.tabIndex = -1;
  preview.appendChild(body);
  preview.appendChild(jump);
  document.body.appendChild(preview);

  var current = null;
  var hideTimer = null;
  var lastPointer = "mouse";
  var openBeforeTap = false;

  function entryOf(ref) {
    return document.getElementById(decodeURIComponent(ref.getAttribute("href").slice(1)));
  }

  function describedText(entry) {
    var reference = entry.querySelector(".medkb-ref");
    if (reference) return reference;
    return entry.querySelector("p") || entry;
  }

  function fill(ref) {
    var entry = entryOf(ref);
    body.textContent = "";
    var copy = describedText(entry).cloneNode(true);
    copy.removeAttribute("id");
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (node) { node.removeAttribute("id"); });
    Array.prototype.forEach.call(copy.querySelectorAll(".footnote-backref"), function (node) { node.remove(); });
    Array.prototype.forEach.call(copy.querySelectorAll("a"), function (link) { link.tabIndex = -1; });
    body.appendChild(copy);
    jump.href = ref.getAttribute("href");
    jump.textContent = "Go to reference " + ref.textContent.trim() + " in the list";
  }

  function place(ref) {
    var margin = 8;
    var box = ref.getBoundingClientRect();
    var width = Math.min(preview.offsetWidth, document.documentElement.clientWidth - 2 * margin);
    var left = Math.max(margin, Math.min(box.left, document.documentElement.clientWidth - width - margin));
    var top = box.bottom + 6;
    if (top + preview.offsetHeight > window.innerHeight - margin && box.top - preview.offsetHeight - 6 > margin) {
      top = box.top - preview.offsetHeight - 6;
    }
    preview.style.left = (left + window.scrollX) + "px";
    preview.style.top = (top + window.scrollY) + "px";
  }

  function show(ref) {
    window.clearTimeout(hideTimer);
    if (current !== ref) fill(ref);
    current = ref;
    preview.hidden = false;
    preview.setAttribute("data-medkb-for", ref.getAttribute("href").slice(1));
    place(ref);
  }

  function hide() {
    window.clearTimeout(hideTimer);
    preview.hidden = true;
    current = null;
  }

  function hideSoon() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, HIDE_DELAY);
  }

  refs.forEach(function (ref) {
    var entry = entryOf(ref);
    if (!entry) return;
    var described = describedText(entry);
    if (!described.id) described.id = "medkb-ref-text-" + entry.id.replace(/[^A-Za-z0-9_-]/g, "-");
    ref.setAttribute("aria-label", "Reference " + ref.textContent.trim());
    ref.setAttribute("aria-describedby", described.id);

    ref.addEventListener("mouseenter", function () { if (lastPointer === "mouse") show(ref); });
    ref.addEventListener("mouseleave", function () { if (lastPointer === "mouse") hideSoon(); });
    ref.addEventListener("focus", function () { show(ref); });
    ref.addEventListener("blur", function () { if (lastPointer !== "touch") hideSoon(); });
    ref.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      openBeforeTap = current === ref && !preview.hidden;
    });
    ref.addEventListener("click", function (event) {
      if (event.detail === 0 || lastPointer === "mouse") return; /* keyboard or mouse: follow the link */
      if (openBeforeTap) { hide(); return; } /* second tap: go to the reference list */
      event.preventDefault();
      show(ref);
    });
  });

  preview.addEventListener("mouseenter", function () { window.clearTimeout(hideTimer); });
  preview.addEventListener("mouseleave", function () { if (lastPointer === "mouse") hideSoon(); });
  jump.addEventListener("click", hide);

  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && !preview.hidden) hide();
  });
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (preview.hidden) return;
    if (preview.contains(event.target) || refs.indexOf(event.target.closest && event.target.closest("a")) !== -1) return;
    hide();
  });
  window.addEventListener("resize", function () { if (current && !preview.hidden) place(current); });
})();
