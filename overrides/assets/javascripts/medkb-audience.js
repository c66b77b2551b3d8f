/* "Which best describes you?": what the choice does on every article page.

   - The page's first block for the chosen reader leads the text (for patients the plain-language
     summary, for professionals the bottom line); the other readers' blocks are folded, one click away.
   - Patients: the page's sections (each h2 and what follows it, the reference list aside) are folded
     to their headings, each with a button that opens it.
   - The chosen reader is set on <html data-medkb-reader="...">: the stylesheet shows the disclaimer
     addressed to that reader, and key terms' explanations to students ("any" until a choice is made:
     both disclaimers, no explanations).

   The choice is kept in this browser's local storage only. Blocks are open collapsible admonitions
   (`???+ audience-patient "Title"`, <details class="audience-patient" open>) and nothing is folded
   until a choice is made, so without this script every part of the page shows. */
(function () {
  "use strict";

  var STORAGE_KEY = "medkb.checks.audience";
  var PREFIX = "audience-";
  var choice = document.querySelector("[data-medkb-audience]");
  if (!choice) return;
  var article = document.querySelector("article.md-content__inner");
  var radios = Array.prototype.slice.call(choice.querySelectorAll("input[name='medkb-audience']"));
  var status = choice.querySelector("[data-medkb-audience-status]");
  var known = radios.map(function (radio) { return radio.value; });
  var blocks = Array.prototype.slice.call(document.querySelectorAll(".md-content details[class*='" + PREFIX + "']"))
    .filter(function (block) { return audienceOf(block); });
  /* Where each block stood as written, to put it back when the reader changes their choice. */
  var places = blocks.map(function (block) {
    var mark = document.createComment("medkb: audience block");
    block.parentNode.insertBefore(mark, block);
    return mark;
  });
  var leadEnd = choice;  /* the text starts after the audience choice (partials/page-lead.html) */
  var sections = article ? collectSections() : [];

  function stored() {
    try { return window.localStorage.getItem(STORAGE_KEY); } catch (error) { return null; }
  }

  function store(value) {
    try { window.localStorage.setItem(STORAGE_KEY, value); } catch (error) { /* private mode: not kept */ }
  }

  function audienceOf(element) {
    if (!element || element.tagName !== "DETAILS") return null;
    for (var index = 0; index < element.classList.length; index++) {
      var name = element.classList[index];
      if (name.indexOf(PREFIX) === 0 && known.indexOf(name.slice(PREFIX.length)) !== -1) {
        return name.slice(PREFIX.length);
      }
    }
    return null;
  }

  function readersOf(value) {
    var radio = radios.filter(function (item) { return item.value === value; })[0];
    return radio ? radio.getAttribute("data-readers") : value;
  }

  /* The page's sections: each h2 of the text (not the reference list) with the elements up to the next h2. */
  function collectSections() {
    var found = [];
    Array.prototype.forEach.call(article.querySelectorAll(":scope > h2"), function (heading) {
      if (heading.id === "references" || !partsOf(heading).length) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "medkb-section-toggle";
      button.hidden = true;
      button.setAttribute("aria-expanded", "true");
      button.textContent = "Show this section";
      var section = { heading: heading, button: button };
      button.addEventListener("click", function () { fold(section, button.getAttribute("aria-expanded") === "true"); });
      heading.insertAdjacentElement("afterend", button);
      found.push(section);
    });
    return found;
  }

  /* Read afresh each time: the theme wraps tables in elements of its own after the page has loaded. */
  function partsOf(heading) {
    var parts = [];
    for (var node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      if (node.matches(".footnote, aside, .medkb-page-actions")) break;
      if (!node.matches(".medkb-section-toggle, [data-medkb-lead]")) parts.push(node);
    }
    return parts;
  }

  function fold(section, folded) {
    partsOf(section.heading).forEach(function (part) { part.hidden = folded; });
    section.button.setAttribute("aria-expanded", folded ? "false" : "true");
    section.button.textContent = folded ? "Show this section" : "Fold this section";
  }

  function apply(value) {
    document.documentElement.setAttribute("data-medkb-reader", value);
    /* Blocks back where they were written, then the chosen reader's first block to the top of the text. */
    blocks.forEach(function (block, index) { places[index].parentNode.insertBefore(block, places[index].nextSibling); });
    var mine = blocks.filter(function (block) { return audienceOf(block) === value; });
    blocks.forEach(function (block) {
      var chosen = audienceOf(block) === value;
      block.open = chosen;
      block.setAttribute("data-medkb-audience-match", chosen ? "chosen" : "other");
      block.removeAttribute("data-medkb-lead");
    });
    if (mine.length) {
      leadEnd.parentNode.insertBefore(mine[0], leadEnd.nextSibling);
      mine[0].setAttribute("data-medkb-lead", "");
    }
    sections.forEach(function (section) {
      section.button.hidden = value !== "patient";
      fold(section, value === "patient");
    });
    if (!status) return;
    if (!blocks.length) {
      status.textContent = "No part of this page is written for one kind of reader.";
    } else if (mine.length) {
      status.textContent = "Summary for " + readersOf(value) + " first; "
        + (value === "patient" ? "detailed sections folded." : "other readers' parts folded.");
    } else {
      status.textContent = "No part written for " + readersOf(value) + " here; other readers' parts folded.";
    }
  }

  radios.forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) return;
      store(radio.value);
      apply(radio.value);
    });
  });

  var saved = stored();
  if (saved && known.indexOf(saved) !== -1) {
    radios.forEach(function (radio) { radio.checked = radio.value === saved; });
    apply(saved);
  } else {
    /* No choice yet: the text reads plainly; key terms are explained once a reader says they are a student. */
    document.documentElement.setAttribute("data-medkb-reader", "any");
  }
  choice.hidden = false;
})();
