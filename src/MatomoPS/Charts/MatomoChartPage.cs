using System;
using System.Globalization;
using System.Net;
using System.Text;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>
    /// One self-contained HTML page: Chart.js inlined, the data and the layout as JSON in the page, a title with a
    /// caption (sites, dates, when it was made), titled axes, a legend that hides a series on click, y axes from
    /// zero, and the numbers as a table for people who read rather than look. It references nothing outside
    /// itself, so it opens from a mail attachment or on an air-gapped host.
    /// </summary>
    internal static class MatomoChartPage
    {
        /// <summary>Writes the page.</summary>
        /// <param name="data">The chart data; checked with <see cref="MatomoChartData.Validate"/> and never changed.</param>
        /// <param name="title">The page and chart title; any text (it is HTML-encoded).</param>
        /// <param name="type">Line or bar chart.</param>
        /// <param name="total">Where the total is drawn (see <see cref="MatomoChartLayout.For"/>); the table always holds it.</param>
        /// <param name="made">When the page is made, for the caption (UTC).</param>
        /// <param name="chartJs">The text of Chart.js's UMD build (<c>chart.umd.min.js</c>).</param>
        /// <exception cref="MatomoArgumentException">The data is not aligned.</exception>
        /// <exception cref="InvalidOperationException">The script cannot be inlined safely.</exception>
        public static string Render(MatomoChartData data, string title, MatomoChartType type, MatomoChartTotal total, DateTime made, string chartJs)
        {
            if (data == null) throw new ArgumentNullException(nameof(data));
            if (chartJs == null) throw new ArgumentNullException(nameof(chartJs));
            data.Validate();
            // Inlined script ends at the first "</script"; a library that held one would break the page.
            if (chartJs.IndexOf("</script", StringComparison.OrdinalIgnoreCase) >= 0)
                throw new InvalidOperationException("The Chart.js text holds '</script' and cannot be inlined.");
            title ??= string.Empty;
            var layout = MatomoChartLayout.For(data, type, total);

            var html = new StringBuilder(chartJs.Length + 16384);
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            html.Append("<meta name=\"generator\" content=\"MatomoPS Export-MatomoChart\">\n");
            html.Append("<title>").Append(Encode(title)).Append("</title>\n");
            html.Append("<style>\n").Append(MatomoChartPageStyle.Css).Append("</style>\n");
            html.Append("</head>\n<body>\n<main>\n");
            html.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
            html.Append("<p class=\"caption\">").Append(Encode(MatomoChartDescription.Caption(data.Description, made))).Append("</p>\n");
            html.Append("<div class=\"chart\"><canvas id=\"chart\" role=\"img\" aria-label=\"")
                .Append(Encode(title)).Append("\"></canvas></div>\n");
            if (layout.HtmlLegend) AppendLegend(html);
            AppendTable(html, data);
            html.Append("</main>\n");
            html.Append("<script>\n").Append(chartJs).Append("\n</script>\n");
            // JSON in a data block is never run, and both serializers escape '<', so series names cannot end the element.
            html.Append("<script id=\"chart-data\" type=\"application/json\">").Append(layout.Drawn.ToJson(indented: false)).Append("</script>\n");
            html.Append("<script id=\"chart-layout\" type=\"application/json\">").Append(layout.ToJson()).Append("</script>\n");
            html.Append("<script>\n").Append(MatomoChartPageScript.Text).Append("</script>\n");
            html.Append("</body>\n</html>\n");
            return html.ToString();
        }

        // The frame of the page's own legend; the script fills in a button per series from the chart data.
        private static void AppendLegend(StringBuilder html)
        {
            html.Append("<section class=\"legend\" id=\"legend\" aria-label=\"Series: press a name to hide or show it\">\n");
            html.Append("<div class=\"legend-actions\"><button type=\"button\" id=\"legend-show-all\">Show all</button>");
            html.Append("<button type=\"button\" id=\"legend-hide-all\">Hide all</button>");
            html.Append("<span class=\"legend-status\" id=\"legend-status\" aria-live=\"polite\"></span></div>\n");
            html.Append("<ul id=\"legend-items\"></ul>\n</section>\n");
        }

        private static void AppendTable(StringBuilder html, MatomoChartData data)
        {
            // A region of its own that scrolls sideways (by keyboard too), so a hundred columns do not widen the page.
            html.Append("<div class=\"numbers\" role=\"region\" aria-label=\"The numbers\" tabindex=\"0\">\n");
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
            html.Append("</tbody>\n</table>\n</div>\n");
        }

        private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
    }
}
