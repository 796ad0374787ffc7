// The pipeline board's drag and drop (issue 17 item 7), with SortableJS (vendored).
// A dropped card is POSTed to the same stage-change route as the card's "Move to" form
// (so the same exit-criteria check runs, Q-4). Accepted: the board reloads with its new
// totals. Refused: the card goes back where it was and the reason is shown in words.
// Without JavaScript (or from the keyboard) the "Move to" list on each card does the same.
(function () {
  "use strict";
  function start() {
    var board = document.querySelector("[data-board]");
    if (!board || !window.Sortable) { return; }
    var status = document.getElementById("board-status");
    var token = (document.querySelector("input[name=csrf_token]") || {}).value || "";
    function say(text, busy) { status.textContent = text; status.classList.toggle("busy", !!busy); }
    function putBack(evt) {
      var ref = evt.from.children[evt.oldIndex] || null;
      evt.from.insertBefore(evt.item, ref);
    }
    function dropped(evt) {
      if (evt.from === evt.to) { return; }
      var card = evt.item;
      var target = evt.to.getAttribute("data-stage");
      var body = new FormData();
      body.append("csrf_token", token);
      body.append("stage", target);
      body.append("back", "board");
      say("Moving “" + card.getAttribute("data-name") + "” to " + target + "…", true);
      card.classList.add("moving");
      fetch("/opportunities/" + card.getAttribute("data-id") + "/stage", {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRF-Token": token }
      }).then(function (r) {
        return r.json().catch(function () { return { ok: false, message: "The server did not answer (status " + r.status + ")." }; });
      }).then(function (data) {
        card.classList.remove("moving");
        if (data.ok) {  // a fresh GET of the board: its totals, the flash, no re-POST
          var mine = board.getAttribute("data-mine") ? "&mine=1" : "";
          window.location.assign("/pipeline?pipeline=" +
            encodeURIComponent(board.getAttribute("data-pipeline")) + mine);
          return;
        }
        putBack(evt);
        say(data.message || "The move was refused.");
      }).catch(function () {
        card.classList.remove("moving");
        putBack(evt);
        say("The move could not be sent: check the connection and try again.");
      });
    }
    var lists = board.querySelectorAll(".cards[data-stage]");
    for (var i = 0; i < lists.length; i++) {
      window.Sortable.create(lists[i], {
        group: "pipeline",
        draggable: ".opp[data-draggable]",
        filter: "a, input, select, button, summary, label, textarea",
        preventOnFilter: false,
        forceFallback: true,
        fallbackTolerance: 4,
        delay: 200,
        delayOnTouchOnly: true,
        animation: 120,
        sort: false,
        onEnd: dropped
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
