// Draws the no-show rate per week, one line per location, from the figures the page carries in data-chart (the
// table under it has the same figures, for screen readers and for reading exact values).
(function () {
  const canvas = document.getElementById('no-show-chart');
  if (!canvas || !window.Chart) {
    return;
  }
  const chart = JSON.parse(canvas.dataset.chart);
  const palette = ['#0b6e75', '#c2410c', '#6d28d9', '#15803d', '#b91c1c', '#1d4ed8'];
  new window.Chart(canvas, {
    type: 'line',
    data: {
      labels: chart.weeks,
      datasets: chart.lines.map(function (line, i) {
        return { label: line.label, data: line.data, spanGaps: true, tension: 0.2,
                 borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length] };
      })
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { callback: function (value) { return value + '%'; } } } },
      plugins: { tooltip: { callbacks: { label: function (item) {
        return item.dataset.label + ': ' + item.formattedValue + '%';
      } } } }
    }
  });
})();
