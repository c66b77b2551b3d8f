/* The writer's preview (`make serve`): the findings panel's Dismiss button, which hides the panel until
   the next rebuild reloads the page. Without JavaScript the panel still folds away (<details>). */
(function () {
  "use strict";

  var panel = document.querySelector("[data-medkb-findings]");
  if (!panel) return;
  var dismiss = panel.querySelector("[data-medkb-findings-dismiss]");
  if (!dismiss) return;
  dismiss.hidden = false;
  dismiss.addEventListener("click", function () {
    panel.hidden = true;
  });
})();
