namespace MatomoPS.Charts
{
    /// <summary>
    /// The chart page's own script: it reads the chart data and the layout (both JSON data blocks) and carries
    /// the layout out with Chart.js. Series names only ever reach the page as text (textContent), never as markup.
    /// After the first render it records what Chart.js drew in data- attributes of the body, so a headless
    /// browser's DOM dump shows whether the chart really came up and how.
    /// </summary>
    internal static class MatomoChartPageScript
    {
        public const string Text = @"(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var page = JSON.parse(document.getElementById('chart-layout').textContent);
  var body = document.body;
  var chart = null;
  var buttons = [];

  function title(text) { return { display: !!text, text: text || '' }; }

  function sync() {
    var shown = 0;
    buttons.forEach(function (button, index) {
      var visible = chart.isDatasetVisible(index);
      if (visible) shown++;
      button.setAttribute('aria-pressed', visible ? 'true' : 'false');
    });
    document.getElementById('legend-status').textContent = shown + ' of ' + buttons.length + ' shown';
  }

  function setAll(visible) {
    buttons.forEach(function (button, index) { chart.setDatasetVisibility(index, visible); });
    chart.update();
    sync();
  }

  // The page's legend for many series: a wrapping, scrolling list of toggle buttons (Tab, Enter and Space work).
  function buildLegend() {
    var list = document.getElementById('legend-items');
    data.datasets.forEach(function (dataset, index) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      // A style property, not markup: anything but a colour is ignored.
      swatch.style.backgroundColor = dataset.borderColor;
      var name = document.createElement('span');
      name.textContent = dataset.label;
      button.appendChild(swatch);
      button.appendChild(name);
      button.addEventListener('click', function () {
        chart.setDatasetVisibility(index, !chart.isDatasetVisible(index));
        chart.update();
        sync();
      });
      item.appendChild(button);
      list.appendChild(item);
      buttons.push(button);
    });
    document.getElementById('legend-show-all').addEventListener('click', function () { setAll(true); });
    document.getElementById('legend-hide-all').addEventListener('click', function () { setAll(false); });
  }

  var record = {
    id: 'matomopsRecord',
    afterRender: function (drawn) {
      var metas = drawn.getSortedVisibleDatasetMetas();
      var points = 0;
      var right = 0;
      metas.forEach(function (meta) {
        points += meta.data.length;
        if (meta.yAxisID === 'y2') right++;
      });
      var axes = Object.keys(drawn.scales).sort();
      body.setAttribute('data-chart-rendered', 'true');
      body.setAttribute('data-datasets', String(metas.length));
      body.setAttribute('data-points', String(points));
      body.setAttribute('data-labels', String(drawn.data.labels.length));
      body.setAttribute('data-axes', axes.join(','));
      body.setAttribute('data-axis-titles', axes.map(function (id) {
        var axisTitle = drawn.scales[id].options.title;
        return axisTitle && axisTitle.display ? axisTitle.text : '';
      }).join('|'));
      body.setAttribute('data-y2-datasets', String(right));
      body.setAttribute('data-legend', page.legend);
      var items = page.legend === 'html'
        ? document.querySelectorAll('#legend-items button').length
        : (drawn.legend && drawn.options.plugins.legend.display ? drawn.legend.legendItems.length : 0);
      body.setAttribute('data-legend-items', String(items));
      var first = metas.length && metas[0].data.length ? metas[0].data[0] : null;
      if (first && first.options && typeof first.options.radius === 'number')
        body.setAttribute('data-point-radius', String(first.options.radius));
    }
  };

  var scales = {
    x: { title: title(page.xTitle) },
    y: { beginAtZero: true, title: title(page.yTitle) }
  };
  if (page.secondAxis) {
    // Grid lines of both axes would not line up; the left axis draws them.
    scales.y2 = { position: 'right', beginAtZero: true, title: title(page.y2Title), grid: { drawOnChartArea: false } };
  }
  var options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: page.tooltip === 'nearest' ? { mode: 'nearest', axis: 'xy', intersect: false } : { mode: 'index', intersect: false },
    scales: scales,
    plugins: { legend: { display: page.legend === 'chartjs', position: 'top' } }
  };
  if (typeof page.pointRadius === 'number') options.elements = { point: { radius: page.pointRadius } };

  if (page.legend === 'html') buildLegend();
  chart = new Chart(document.getElementById('chart'), { type: page.type, data: data, options: options, plugins: [record] });
  if (page.legend === 'html') sync();
})();
";
    }
}
