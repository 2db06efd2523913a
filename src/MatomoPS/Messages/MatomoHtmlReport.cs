using System;
using System.Globalization;
using System.Net;
using System.Text;

using MatomoPS.Charts;

namespace MatomoPS.Messages
{
    /// <summary>
    /// A report as HTML that mail clients show as written: styles only in <c>style</c> attributes (Gmail and Outlook drop
    /// style blocks or parts of them), no script, no link to anything outside the message, tables with the attributes
    /// Outlook's Word engine still reads (<c>align</c>, <c>cellpadding</c>), numbers right-aligned with the culture's
    /// separators, and change columns green when up and red when down, with the sign written too (colour alone is lost
    /// on some readers and printers).
    /// </summary>
    internal static class MatomoHtmlReport
    {
        private const string Font = "font-family:Segoe UI,Helvetica,Arial,sans-serif;";
        private const string Cell = "padding:6px 10px;border-bottom:1px solid #d8dee4;";
        private const string HeaderCell = "padding:6px 10px;border-bottom:2px solid #8c959f;background-color:#f6f8fa;font-weight:600;white-space:nowrap;";
        private const string Up = "#116329";
        private const string Down = "#a40e26";

        /// <summary>Writes the report.</summary>
        /// <param name="table">The rows.</param>
        /// <param name="title">A heading above everything, or null.</param>
        /// <param name="chart">A PNG chart shown above the table, or null.</param>
        /// <param name="chartSource">The chart's <c>src</c>: <c>cid:...</c> or a data URI; null when there is no chart.</param>
        /// <param name="culture">Whose thousands and decimal separators the numbers take.</param>
        /// <param name="fragment">True for the content alone (to put into a message of one's own); false for a whole document.</param>
        public static string Render(MatomoMessageTable table, string? title, MatomoChartImage? chart, string? chartSource, CultureInfo culture, bool fragment)
        {
            var html = new StringBuilder(4096 + table.Rows.Count * table.Columns.Count * 80);
            if (!fragment)
            {
                html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
                html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
                html.Append("<title>").Append(Encode(title ?? "Matomo report")).Append("</title>\n</head>\n");
                html.Append("<body style=\"margin:0;padding:16px;background-color:#ffffff;color:#1f2328;").Append(Font).Append("\">\n");
            }
            html.Append("<div style=\"").Append(Font).Append("color:#1f2328;font-size:14px;\">\n");
            if (title != null)
                html.Append("<h1 style=\"").Append(Font).Append("font-size:20px;font-weight:600;margin:0 0 12px 0;color:#1f2328;\">")
                    .Append(Encode(title)).Append("</h1>\n");
            if (chart != null && chartSource != null)
            {
                html.Append("<p style=\"margin:0 0 16px 0;\"><img src=\"").Append(Encode(chartSource)).Append("\" alt=\"").Append(Encode(chart.AltText))
                    .Append("\" width=\"").Append(chart.Width.ToString(CultureInfo.InvariantCulture))
                    .Append("\" style=\"display:block;width:100%;max-width:").Append(chart.Width.ToString(CultureInfo.InvariantCulture))
                    .Append("px;height:auto;border:0;\"></p>\n");
            }
            AppendTable(html, table, culture);
            html.Append("</div>\n");
            if (!fragment) html.Append("</body>\n</html>\n");
            return html.ToString();
        }

        private static void AppendTable(StringBuilder html, MatomoMessageTable table, CultureInfo culture)
        {
            html.Append("<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;").Append(Font).Append("font-size:14px;\">\n");
            html.Append("<thead>\n<tr>");
            for (int c = 0; c < table.Columns.Count; c++)
            {
                bool right = table.Kinds[c] != MatomoMessageColumnKind.Text;
                html.Append("<th scope=\"col\" align=\"").Append(right ? "right" : "left").Append("\" style=\"").Append(HeaderCell).Append("text-align:")
                    .Append(right ? "right" : "left").Append(";\">").Append(Encode(table.Columns[c])).Append("</th>");
            }
            html.Append("</tr>\n</thead>\n<tbody>\n");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                for (int c = 0; c < table.Columns.Count; c++)
                {
                    var kind = table.Kinds[c];
                    string text = MatomoMessageTable.Text(row[c], kind, culture);
                    if (kind == MatomoMessageColumnKind.Text)
                    {
                        html.Append("<td align=\"left\" style=\"").Append(Cell).Append("text-align:left;\">").Append(Encode(text)).Append("</td>");
                        continue;
                    }
                    html.Append("<td align=\"right\" style=\"").Append(Cell).Append("text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;");
                    if (kind == MatomoMessageColumnKind.Change)
                    {
                        int direction = MatomoMessageTable.Direction(row[c]);
                        if (direction != 0) html.Append("color:").Append(direction > 0 ? Up : Down).Append(";font-weight:600;");
                    }
                    html.Append("\">").Append(Encode(text)).Append("</td>");
                }
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }

        private static string Encode(string text) => WebUtility.HtmlEncode(text);
    }
}
