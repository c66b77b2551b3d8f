/* "Which best describes you?": shows the page's blocks for the chosen reader first and folds the
   others, which stay one click away. The choice is kept in this browser's local storage only.

   Blocks are open collapsible admonitions (`???+ audience-patient "Title"`, rendered as
   <details class="audience-patient" open>), so without this script every block is visible. */
(function () {
  "use strict";

  var STORAGE_KEY = "medkb.audience";
  var PREFIX = "audience-";
  var choice = document.querySelector("[data-medkb-audience]");
  if (!choice) return;
  var radios = Array.prototype.slice.call(choice.querySelectorAll("input[name='medkb-audience']"));
  var status = choice.querySelector("[data-medkb-audience-status]");
  var known = radios.map(function (radio) { return radio.value; });

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

  /* Runs of adjacent audience blocks: within a run the chosen reader's blocks move to the front. */
  function runs() {
    var result = [];
    var blocks = document.querySelectorAll(".md-content details[class*='" + PREFIX + "']");
    Array.prototype.forEach.call(blocks, function (block) {
      if (!audienceOf(block)) return;
      var previous = block.previousElementSibling;
      var last = result[result.length - 1];
      if (last && audienceOf(previous) && last.indexOf(previous) !== -1) last.push(block);
      else result.push([block]);
    });
    return result;
  }

  function readersOf(value) {
    var radio = radios.filter(function (item) { return item.value === value; })[0];
    return radio ? radio.getAttribute("data-readers") : value;
  }

  function apply(value) {
    var shown = 0;
    var total = 0;
    runs().forEach(function (run) {
      var anchor = null;
      run.forEach(function (block) {
        var mine = audienceOf(block) === value;
        total += 1;
        block.open = mine;
        block.setAttribute("data-medkb-audience-match", mine ? "chosen" : "other");
        if (!mine && !anchor) anchor = block;
        if (mine) {
          shown += 1;
          if (anchor) anchor.parentNode.insertBefore(block, anchor);
        }
      });
    });
    if (!status) return;
    if (!total) {
      status.textContent = "No part of this page is written for one kind of reader: it reads the same for everyone.";
    } else if (shown) {
      status.textContent = "Blocks for " + readersOf(value) + " are shown first; the others are folded and can be opened.";
    } else {
      status.textContent = "This page has no block for " + readersOf(value) + "; the blocks for other readers are folded and can be opened.";
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
  }
  choice.hidden = false;
})();
