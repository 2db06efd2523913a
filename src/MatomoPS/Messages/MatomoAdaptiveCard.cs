using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

using MatomoPS.Charts;

namespace MatomoPS.Messages
{
    /// <summary>
    /// Chart data as an Adaptive Card (schema 1.5, as Teams shows it): a title, the caption (sites, dates, when made), the
    /// key figures of the last period with their change against the period before, and a table of the series, largest
    /// first. Teams refuses messages over 28 KB, so rows are added only while the card stays under
    /// <see cref="MostBytes"/>, and the card says how many rows it leaves out and why.
    /// </summary>
    internal static class MatomoAdaptiveCard
    {
        /// <summary>The most bytes of card JSON: Teams' 28 KB less room for the webhook envelope.</summary>
        public const int MostBytes = 28 * 1024 - 512;

        /// <summary>How many key figures the card shows side by side: more do not fit a phone's width.</summary>
        public const int KeyFigures = 3;

        private const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

        // The card goes over HTTP as JSON, never into a page: signs and arrows as themselves, not as \u escapes.
        private static readonly JsonSerializerOptions Compact = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>The card as compact JSON.</summary>
        /// <param name="data">Checked chart data.</param>
        /// <param name="title">The card's title.</param>
        /// <param name="caption">The line under it.</param>
        /// <param name="mostRows">The most table rows wanted; fewer when the size limit comes first.</param>
        /// <param name="culture">Whose separators the numbers take.</param>
        public static JsonObject Build(MatomoChartData data, string title, string caption, int mostRows, CultureInfo culture)
        {
            int last = data.Labels.Count - 1;
            bool compared = data.Labels.Count > 1;
            var body = new JsonArray
            {
                new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true, ["style"] = "heading" },
                new JsonObject { ["type"] = "TextBlock", ["text"] = caption, ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true, ["spacing"] = "None" },
            };
            // The total first, then the largest other series of the last period.
            var ranked = data.Datasets.Where(d => !d.IsTotal).OrderByDescending(d => d.Data[last]).ThenBy(d => d.Label, StringComparer.Ordinal).ToList();
            var figures = data.Datasets.Where(d => d.IsTotal).Concat(ranked).Take(KeyFigures).ToList();
            var columns = new JsonArray();
            foreach (var dataset in figures)
            {
                var items = new JsonArray
                {
                    new JsonObject { ["type"] = "TextBlock", ["text"] = $"{dataset.Label}, {data.Labels[last]}", ["isSubtle"] = true, ["wrap"] = true },
                    new JsonObject { ["type"] = "TextBlock", ["text"] = Number(dataset.Data[last], culture), ["size"] = "ExtraLarge", ["weight"] = "Bolder", ["spacing"] = "None" },
                };
                if (compared)
                {
                    long change = dataset.Data[last] - dataset.Data[last - 1];
                    items.Add(new JsonObject
                    {
                        ["type"] = "TextBlock", ["text"] = $"{Change(dataset.Data[last], dataset.Data[last - 1], culture)} vs {data.Labels[last - 1]}",
                        ["color"] = change > 0 ? "Good" : change < 0 ? "Attention" : "Default", ["size"] = "Small", ["spacing"] = "None", ["wrap"] = true,
                    });
                }
                columns.Add(new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = items });
            }
            if (figures.Count > 0) body.Add(new JsonObject { ["type"] = "ColumnSet", ["columns"] = columns });

            var rowsOf = ranked.Count > 0 ? ranked : data.Datasets.ToList();
            var table = new JsonObject
            {
                ["type"] = "Table",
                ["firstRowAsHeader"] = true,
                ["columns"] = TableColumns(compared),
            };
            var rows = new JsonArray { Header(data, compared) };
            table["rows"] = rows;
            body.Add(table);
            var card = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = SchemaUrl,
                ["version"] = "1.5",
                ["msteams"] = new JsonObject { ["width"] = "Full" },
                ["body"] = body,
            };

            // Every row that is left out is said, with the reason: the rows wanted, or the size Teams takes.
            var note = new JsonObject { ["type"] = "TextBlock", ["text"] = string.Empty, ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true };
            int size = Size(card) + Size(note) + 200;
            int shown = 0;
            bool full = false;
            foreach (var dataset in rowsOf.Take(mostRows))
            {
                var row = Row(dataset, data, compared, culture);
                int rowSize = Size(row) + 1;
                if (size + rowSize > MostBytes)
                {
                    full = true;
                    break;
                }
                rows.Add(row);
                size += rowSize;
                shown++;
            }
            if (shown < rowsOf.Count)
            {
                string reason = full
                    ? $"a Teams card holds at most 28 KB; export the rows (Export-Csv) or mail the HTML report (ConvertTo-MatomoHtml) for all of them"
                    : $"the card shows the {mostRows} largest (-MostRows)";
                note["text"] = $"{rowsOf.Count - shown} of {rowsOf.Count} rows not shown: {reason}.";
                body.Add(note);
            }
            return card;
        }

        /// <summary>The card in the envelope a Teams Workflows webhook ("When a Teams webhook request is received") takes.</summary>
        public static JsonObject WebhookPayload(JsonObject card) => new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        };

        /// <summary>Compact JSON, as sent.</summary>
        public static string ToJson(JsonNode node) => node.ToJsonString(Compact);

        private static JsonArray TableColumns(bool compared)
        {
            var columns = new JsonArray { new JsonObject { ["width"] = 3 } };
            for (int c = 0; c < (compared ? 3 : 1); c++)
                columns.Add(new JsonObject { ["width"] = 2, ["horizontalCellContentAlignment"] = "Right" });
            return columns;
        }

        private static JsonObject Header(MatomoChartData data, bool compared)
        {
            int last = data.Labels.Count - 1;
            var names = compared
                ? new[] { "Series", data.Labels[last], data.Labels[last - 1], "Change" }
                : new[] { "Series", data.Labels[last] };
            return new JsonObject { ["type"] = "TableRow", ["cells"] = new JsonArray(names.Select(n => (JsonNode)Cell(n, null, bold: true)).ToArray()) };
        }

        private static JsonObject Row(MatomoChartDataset dataset, MatomoChartData data, bool compared, CultureInfo culture)
        {
            int last = data.Labels.Count - 1;
            var cells = new JsonArray { Cell(dataset.Label, null, bold: false), Cell(Number(dataset.Data[last], culture), null, bold: false) };
            if (compared)
            {
                long change = dataset.Data[last] - dataset.Data[last - 1];
                cells.Add(Cell(Number(dataset.Data[last - 1], culture), null, bold: false));
                cells.Add(Cell(Change(dataset.Data[last], dataset.Data[last - 1], culture), change > 0 ? "Good" : change < 0 ? "Attention" : null, bold: false));
            }
            return new JsonObject { ["type"] = "TableRow", ["cells"] = cells };
        }

        private static JsonObject Cell(string text, string? color, bool bold)
        {
            var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
            if (color != null) block["color"] = color;
            if (bold) block["weight"] = "Bolder";
            return new JsonObject { ["type"] = "TableCell", ["items"] = new JsonArray { block } };
        }

        private static string Number(long value, CultureInfo culture) => value.ToString("N0", culture);

        // "▲ +120 (+4.3 %)": the arrow and the sign say the direction where colour is not seen; no percentage from zero.
        private static string Change(long now, long before, CultureInfo culture)
        {
            long change = now - before;
            string arrow = change > 0 ? "\u25B2 +" : change < 0 ? "\u25BC \u2212" : "= ";
            string text = arrow + Math.Abs(change).ToString("N0", culture);
            if (before != 0 && change != 0)
                text += " (" + (change > 0 ? "+" : "\u2212") + Math.Abs((double)change / before).ToString("P1", culture) + ")";
            return text;
        }

        private static int Size(JsonNode node) => Encoding.UTF8.GetByteCount(ToJson(node));
    }
}
