/* "Cite this page": fills in the date of access (today, in this browser) and, when the site has
   no site_url, the page's address; adds a copy button to each format. Without JavaScript the
   placeholders "[date accessed]" and "[address of this page]" stay. */
(function () {
  "use strict";

  var box = document.querySelector("[data-medkb-cite]");
  if (!box) return;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];
  var today = new Date();
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  var values = {
    "accessed": today.getDate() + " " + MONTHS[today.getMonth()] + " " + today.getFullYear(),
    "accessed-iso": today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate()),
    "url": window.location.href.split("#")[0]
  };
  Array.prototype.forEach.call(box.querySelectorAll("[data-medkb-slot]"), function (slot) {
    if (slot.hasAttribute("data-medkb-fixed")) return;
    var value = values[slot.getAttribute("data-medkb-slot")];
    if (value) slot.textContent = value;
  });

  if (!(navigator.clipboard && navigator.clipboard.writeText)) return;
  Array.prototype.forEach.call(box.querySelectorAll("[data-medkb-cite-text]"), function (text) {
    var button = document.createElement("button");
    var label = "Copy the " + text.getAttribute("data-medkb-cite-text");
    button.type = "button";
    button.className = "medkb-cite__copy";
    button.textContent = label;
    var done = document.createElement("span");
    done.className = "medkb-cite__copied";
    done.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent).then(function () {
        done.textContent = "Copied.";
      }, function () {
        done.textContent = "Copying failed: select the text and copy it.";
      });
    });
    text.parentNode.insertBefore(button, text.nextSibling);
    button.parentNode.insertBefore(done, button.nextSibling);
  });
})();
