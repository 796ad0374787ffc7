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

// 3. Confirmation before destructive actions (issue 17 item 6): a form with
//    data-confirm asks first; data-confirm-lost asks only when its stage select is a
//    lost stage. Without JavaScript the server still refuses what is not allowed.
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement)) { return; }
    var message = form.getAttribute("data-confirm");
    var lost = form.getAttribute("data-confirm-lost");
    if (!message && lost) {
      var stage = form.querySelector("select[name=stage]");
      if (stage && /lost/i.test(stage.value)) { message = lost; }
    }
    if (message && !window.confirm(message)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);
})();

// 4. The '/' key focuses the global search box (issue 17 item 2), unless typing.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    var box = document.getElementById("global-search");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });
})();

// 5. Narrow screens (issue 17 item 8): the main navigation collapses behind "Menu".
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var button = e.target instanceof Element ? e.target.closest(".menu-toggle") : null;
    if (!button) { return; }
    var bar = button.closest(".topbar");
    var open = !bar.classList.contains("menu-open");
    bar.classList.toggle("menu-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
