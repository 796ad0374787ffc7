// salesops reports: draw a report's chart with the vendored Chart.js (web/static/vendor/).
// The data is the page's <script type="application/json" id="...-data">, built by the server.
(function () {
  "use strict";
  var colours = ["#0b57d0", "#1a7f37", "#bf8700", "#8c959f", "#6639ba", "#a4161a", "#0e7490"];
  function draw(canvasId) {
    var canvas = document.getElementById(canvasId);
    var source = document.getElementById(canvasId + "-data");
    if (!canvas || !source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent || "null");
    if (!spec) { return; }
    var datasets = spec.datasets.map(function (d, i) {
      return {
        label: d.label, data: d.data, borderWidth: 2,
        backgroundColor: colours[i % colours.length], borderColor: colours[i % colours.length]
      };
    });
    canvas.chart = new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { title: { display: !!spec.title, text: spec.title }, legend: { position: "bottom" } },
        scales: { x: { stacked: spec.stacked }, y: { stacked: spec.stacked, beginAtZero: true } }
      }
    });
    canvas.setAttribute("data-drawn", "1");
  }
  document.addEventListener("DOMContentLoaded", function () {
    draw("report-chart");
    draw("forecast-chart");
  });
})();
