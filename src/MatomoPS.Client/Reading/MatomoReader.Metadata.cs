using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace MatomoPS.Client
{
    internal sealed partial class MatomoReader
    {
        /// <summary>
        /// The answer of <c>API.getReportMetadata</c>: one entry per report. Only what describes a report is kept; the
        /// graph URLs Matomo adds hold the token in plain text and are never read.
        /// </summary>
        public IReadOnlyList<MatomoReportMetadata> ReadReportMetadata(JsonElement root)
        {
            const string method = MatomoClient.ReportMetadataMethod;
            if (root.ValueKind != JsonValueKind.Array) throw _exceptions.Shape(method, "a list of reports", root);
            var reports = new List<MatomoReportMetadata>(root.GetArrayLength());
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || Plain(item, "module").Length == 0 || Plain(item, "action").Length == 0)
                    throw _exceptions.Shape(method, "a report with a module and an action", item);
                var titles = Texts(item, "metrics");
                var processed = Texts(item, "processedMetrics");
                var documentation = Texts(item, "metricsDocumentation");
                var types = Texts(item, "metricTypes");
                string subtables = Plain(item, "actionToLoadSubTables");
                reports.Add(new MatomoReportMetadata
                {
                    Category = Plain(item, "category"),
                    Subcategory = Plain(item, "subcategory"),
                    Name = Plain(item, "name"),
                    Module = Plain(item, "module"),
                    Action = Plain(item, "action"),
                    Dimension = Plain(item, "dimension"),
                    Documentation = Plain(item, "documentation"),
                    Metrics = titles.Select(pair => Metric(pair, documentation, types, false))
                        .Concat(processed.Where(pair => !titles.ContainsKey(pair.Key)).Select(pair => Metric(pair, documentation, types, true)))
                        .ToList(),
                    Parameters = Texts(item, "parameters"),
                    SubtableReport = subtables.Length == 0 ? string.Empty : Plain(item, "module") + "." + subtables,
                });
            }
            return reports;
        }

        private static MatomoReportMetricInfo Metric(KeyValuePair<string, string> title, IReadOnlyDictionary<string, string> documentation,
            IReadOnlyDictionary<string, string> types, bool processed) => new MatomoReportMetricInfo
            {
                Name = title.Key,
                Title = title.Value,
                Documentation = documentation.TryGetValue(title.Key, out string? text) ? text : string.Empty,
                Type = types.TryGetValue(title.Key, out string? type) ? type : string.Empty,
                Processed = processed,
            };

        /// <summary>An object of names and texts in the answer's order; Matomo sends an empty one as <c>[]</c>.</summary>
        private static Dictionary<string, string> Texts(JsonElement item, string name)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object) return result;
            foreach (var property in value.EnumerateObject()) result[property.Name] = Readable(property.Value);
            return result;
        }

        /// <summary>A text field as a user reads it: HTML tags and entities of Matomo's texts removed.</summary>
        private static string Plain(JsonElement item, string name) => item.TryGetProperty(name, out var value) ? Readable(value) : string.Empty;

        private static string Readable(JsonElement value)
        {
            string text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "1",
                JsonValueKind.False => "0",
                _ => string.Empty,
            };
            return MatomoAnswerText.Readable(text);
        }
    }
}
