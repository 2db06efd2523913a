using System;
using System.Globalization;
using System.Net;
using System.Text;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>
    /// One self-contained HTML page: Chart.js inlined, the data as JSON in the page, a title, a legend that
    /// hides a series on click, a y axis from zero, and the numbers as a table for people who read rather than look.
    /// It references nothing outside itself, so it opens from a mail attachment or on an air-gapped host.
    /// </summary>
    internal static class MatomoChartPage
    {
        /// <summary>Writes the page.</summary>
        /// <param name="data">The chart data; checked with <see cref="MatomoChartData.Validate"/>.</param>
        /// <param name="title">The page and chart title; any text (it is HTML-encoded).</param>
        /// <param name="type">Line or bar chart.</param>
        /// <param name="chartJs">The text of Chart.js's UMD build (<c>chart.umd.min.js</c>).</param>
        /// <exception cref="MatomoArgumentException">The data is not aligned.</exception>
        /// <exception cref="InvalidOperationException">The script cannot be inlined safely.</exception>
        public static string Render(MatomoChartData data, string title, MatomoChartType type, string chartJs)
        {
            if (data == null) throw new ArgumentNullException(nameof(data));
            if (chartJs == null) throw new ArgumentNullException(nameof(chartJs));
            data.Validate();
            // Inlined script ends at the first "</script"; a library that held one would break the page.
            if (chartJs.IndexOf("</script", StringComparison.OrdinalIgnoreCase) >= 0)
                throw new InvalidOperationException("The Chart.js text holds '</script' and cannot be inlined.");
            title ??= string.Empty;

            var html = new StringBuilder(chartJs.Length + 16384);
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            html.Append("<meta name=\"generator\" content=\"MatomoPS Export-MatomoChart\">\n");
            html.Append("<title>").Append(Encode(title)).Append("</title>\n");
            html.Append(Style);
            html.Append("</head>\n<body>\n<main>\n");
            html.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
            html.Append("<div class=\"chart\"><canvas id=\"chart\" role=\"img\" aria-label=\"")
                .Append(Encode(title)).Append("\"></canvas></div>\n");
            AppendTable(html, data);
            html.Append("</main>\n");
            html.Append("<script>\n").Append(chartJs).Append("\n</script>\n");
            // JSON in a data block is never run, and ToJson escapes '<', so series names cannot end the element.
            html.Append("<script id=\"chart-data\" type=\"application/json\">").Append(data.ToJson(indented: false)).Append("</script>\n");
            html.Append("<script>\n").Append(Script.Replace("%TYPE%", type == MatomoChartType.Bar ? "bar" : "line")).Append("</script>\n");
            html.Append("</body>\n</html>\n");
            return html.ToString();
        }

        private static void AppendTable(StringBuilder html, MatomoChartData data)
        {
            html.Append("<table>\n<thead><tr><th scope=\"col\">Period</th><th scope=\"col\">Key</th>");
            foreach (var dataset in data.Datasets)
                html.Append("<th scope=\"col\">").Append(Encode(dataset.Label)).Append("</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            for (int i = 0; i < data.Labels.Count; i++)
            {
                string key = data.ExportLabels != null && i < data.ExportLabels.Count ? data.ExportLabels[i] : string.Empty;
                html.Append("<tr><th scope=\"row\">").Append(Encode(data.Labels[i])).Append("</th><td class=\"key\">").Append(Encode(key)).Append("</td>");
                foreach (var dataset in data.Datasets)
                    html.Append("<td>").Append(dataset.Data[i].ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }

        private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

        private const string Style = @"<style>
body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; color: #222; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 1.4rem; font-weight: 600; margin: 0 0 12px; }
.chart { position: relative; height: 420px; }
table { border-collapse: collapse; margin-top: 24px; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: right; }
thead th { border-bottom: 2px solid #999; }
tbody th, thead th:nth-child(-n+2) { text-align: left; }
tbody th { font-weight: normal; }
td.key { text-align: left; color: #777; }
</style>
";

        // Records what Chart.js drew (datasets and points it laid out) in data- attributes after the first
        // render, so a headless browser's DOM dump shows whether the chart really came up.
        private const string Script = @"(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var record = {
    id: 'matomopsRecord',
    afterRender: function (chart) {
      var metas = chart.getSortedVisibleDatasetMetas();
      var points = 0;
      metas.forEach(function (meta) { points += meta.data.length; });
      var body = document.body;
      body.setAttribute('data-chart-rendered', 'true');
      body.setAttribute('data-datasets', String(metas.length));
      body.setAttribute('data-points', String(points));
      body.setAttribute('data-labels', String(chart.data.labels.length));
    }
  };
  new Chart(document.getElementById('chart'), {
    type: '%TYPE%',
    data: data,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true } },
      plugins: { legend: { position: 'top' } }
    },
    plugins: [record]
  });
})();
";
    }
}
