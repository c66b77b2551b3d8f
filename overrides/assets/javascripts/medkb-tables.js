/* Wide tables on narrow screens: a table that does not fit scrolls sideways inside its frame, and says
   so above it ("Scroll sideways to see the whole table"); the frame can be scrolled with the keyboard
   too. Without this script a wide table still scrolls (the theme's table styles), without the words. */
(function () {
  "use strict";

  var HINT_CLASS = "medkb-scroll-hint";

  function frameOf(table) {
    var frame = table.closest(".md-typeset__scrollwrap");
    return frame || table;
  }

  function update() {
    Array.prototype.forEach.call(document.querySelectorAll("article.md-content__inner table"), function (table) {
      var frame = frameOf(table);
      var scroller = frame === table ? table : frame;
      var wide = scroller.scrollWidth > scroller.clientWidth + 1;
      var hint = frame.previousElementSibling;
      var hasHint = hint && hint.classList.contains(HINT_CLASS);
      frame.classList.toggle("medkb-table--scrolls", wide);
      if (wide && !hasHint) {
        hint = document.createElement("p");
        hint.className = HINT_CLASS;
        hint.textContent = "Scroll sideways to see the whole table \u2192";
        frame.parentNode.insertBefore(hint, frame);
      }
      if (hasHint || (wide && hint)) hint.hidden = !wide;
      if (wide) {
        scroller.setAttribute("tabindex", "0");
        scroller.setAttribute("role", "region");
        scroller.setAttribute("aria-label", "Table, scrolls sideways");
      } else if (scroller.getAttribute("role") === "region") {
        scroller.removeAttribute("tabindex");
        scroller.removeAttribute("role");
        scroller.removeAttribute("aria-label");
      }
    });
  }

  var pending = null;
  function later() {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(update, 100);
  }

  window.addEventListener("load", update);
  window.addEventListener("resize", later);
  /* The theme wraps tables in frames of its own once its script has run. */
  if (document.readyState === "complete") update(); else later();
})();
