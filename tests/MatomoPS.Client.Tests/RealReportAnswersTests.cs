using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FakeMatomo;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// Holds the double's reports to a real Matomo 5.1.2: every report question captured from the realmatomo kit's server
    /// (tests/data/realmatomo/reports) is asked of the double, which must answer with the real status, nesting (sites,
    /// periods), row kinds (folders, pages, titles, countries...), columns (none the real rows lack, none missing that
    /// every real row of the kind has), JSON kinds (a day's counts as text, rates as numbers or "39%"), and Matomo's filters.
    /// The double has its own data, so numbers are compared with the double's own visits, not with the real ones.
    /// </summary>
    public sealed class RealReportAnswersTests : IClassFixture<FakeServerFixture>
    {
        private readonly FakeServerFixture _fixture;

        public RealReportAnswersTests(FakeServerFixture fixture) => _fixture = fixture;

        private string BaseUrl => _fixture.Server.BaseUrl;

        public static IEnumerable<object[]> EveryReportAnswer() =>
            Captured.Read("reports").Where(answer => !answer.Name.StartsWith("API.getReportMetadata", StringComparison.Ordinal)).Select(answer => new object[] { answer.Name });

        [Theory]
        [MemberData(nameof(EveryReportAnswer))]
        public async Task The_double_answers_each_report_question_in_the_real_shape(string name)
        {
            var real = Captured.Find(name);
            var fake = await Captured.Replay(BaseUrl, real);

            Assert.Equal((real.Status, real.MediaType), (fake.Status, fake.MediaType));
            var differences = Differences(real, JsonDocument.Parse(fake.Body).RootElement);
            Assert.True(differences.Count == 0, $"The double's answer to {name} differs from the real one:\n{string.Join("\n", differences.Take(12))}\ndouble: {Cut(fake.Body)}");
        }

        [Fact]
        public async Task Offset_and_limit_cut_each_table_after_sorting_as_on_the_real_server()
        {
            var real = Captured.Find("Actions.getPageUrls__site1_month_2023-01_flat_filter_offset-2_filter_limit-3.json");
            var all = Labels((await Captured.Replay(BaseUrl, real, new Dictionary<string, string> { ["filter_limit"] = "-1", ["filter_offset"] = "0" })).Body);
            var cut = Labels((await Captured.Replay(BaseUrl, real)).Body);
            var realAll = Labels(Captured.Find("Actions.getPageUrls__site1_month_2023-01_flat.json").Body);

            Assert.Equal(realAll.Skip(2).Take(3), Labels(real.Body));
            Assert.True(all.Count > 5);
            Assert.Equal(all.Skip(2).Take(3), cut);
        }

        [Fact]
        public async Task A_label_pattern_matches_case_insensitively_and_sorting_ascending_gives_the_smallest_first()
        {
            var pattern = Captured.Find("Actions.getPageUrls__site1_month_2023-01_flat_filter_pattern-article-1.json");
            var sorted = Captured.Find("Actions.getPageUrls__site1_month_2023-01_flat_sort-nb_hits-asc_filter_limit-5.json");
            Assert.All(Labels(pattern.Body), label => Assert.Contains("article-1", label));
            Assert.Equal(Hits(sorted.Body).OrderBy(hits => hits), Hits(sorted.Body));

            var all = Labels((await Captured.Replay(BaseUrl, pattern, new Dictionary<string, string> { ["filter_pattern"] = "" })).Body);
            var matched = Labels((await Captured.Replay(BaseUrl, pattern, new Dictionary<string, string> { ["filter_pattern"] = "PAGE-1[0-9]/" })).Body);
            Assert.Equal(all.Where(label => Regex.IsMatch(label, "page-1[0-9]/")), matched);
            Assert.NotEmpty(matched);

            var smallest = Hits((await Captured.Replay(BaseUrl, sorted)).Body);
            var everyHits = Hits((await Captured.Replay(BaseUrl, sorted, new Dictionary<string, string> { ["filter_limit"] = "-1" })).Body);
            Assert.Equal(everyHits.OrderBy(hits => hits).Take(5), smallest);
        }

        [Fact]
        public async Task ShowColumns_keeps_the_label_the_metric_and_the_rows_metadata_as_the_real_server_does()
        {
            var real = Captured.Find("Actions.getPageUrls__site1_month_2023-01_showColumns-nb_hits.json");
            var fake = JsonDocument.Parse((await Captured.Replay(BaseUrl, real)).Body).RootElement;

            var expected = real.Answer[0].EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(new[] { "label", "nb_hits", "segment", "idsubdatatable" }, expected);
            Assert.All(fake.EnumerateArray(), row => Assert.Equal(expected, row.EnumerateObject().Select(p => p.Name)));
        }

        [Fact]
        public async Task A_label_path_reaches_into_subtables_and_a_path_without_a_match_gives_an_empty_table_per_period()
        {
            var real = Captured.Find("Actions.getPageUrls__site1_month_2023-01_label-path.json");
            Assert.Equal("/article-1.html", Assert.Single(real.Answer.EnumerateArray()).GetProperty("label").GetString());

            var page = JsonDocument.Parse((await Captured.Replay(BaseUrl, real, new Dictionary<string, string> { ["label"] = "de>page-3>/index" })).Body).RootElement;
            var row = Assert.Single(page.EnumerateArray());
            Assert.Equal("/index", row.GetProperty("label").GetString());
            Assert.Equal("https://demo.example.org/de/page-3/", row.GetProperty("url").GetString());

            var none = Captured.Find("Actions.getPageUrls__site1_month_2023-01..2023-02-28_label-no-match.json");
            Assert.Equal("{\"2023-01\":[],\"2023-02\":[]}", none.Body);
            Assert.Equal(none.Body, (await Captured.Replay(BaseUrl, none)).Body);
            Assert.Equal("[]", (await Captured.Replay(BaseUrl, real, new Dictionary<string, string> { ["label"] = "DE" })).Body);
        }

        [Fact]
        public async Task A_subtable_id_gives_the_rows_of_that_folder_and_expanded_nests_them_in_the_real_key_order()
        {
            var expanded = Captured.Find("Actions.getPageUrls__site1_month_2023-01_expanded.json");
            var realKeys = expanded.Answer[0].EnumerateObject().Select(p => p.Name).ToList();
            var fake = JsonDocument.Parse((await Captured.Replay(BaseUrl, expanded)).Body).RootElement;
            var de = fake.EnumerateArray().Single(row => row.GetProperty("label").GetString() == "de");

            Assert.Equal(realKeys.TakeLast(3), de.EnumerateObject().Select(p => p.Name).TakeLast(3));
            int id = de.GetProperty("idsubdatatable").GetInt32();
            var subtable = Captured.Find("Actions.getPageUrls__site1_month_2023-01_idSubtable-1.json");
            var rows = JsonDocument.Parse((await Captured.Replay(BaseUrl, subtable, new Dictionary<string, string> { ["idSubtable"] = id.ToString() })).Body).RootElement;
            Assert.Equal(de.GetProperty("subtable").EnumerateArray().Select(r => r.GetProperty("label").GetString()), rows.EnumerateArray().Select(r => r.GetProperty("label").GetString()));
            Assert.Equal("[]", (await Captured.Replay(BaseUrl, subtable, new Dictionary<string, string> { ["idSubtable"] = "9999" })).Body);
        }

        [Fact]
        public async Task The_report_metadata_has_the_real_fields_in_the_real_order_and_like_the_real_server_holds_the_token()
        {
            var real = Captured.Find("API.getReportMetadata__site1.json");
            var fake = JsonDocument.Parse((await Captured.Replay(BaseUrl, real)).Body).RootElement;
            var byId = real.Answer.EnumerateArray().ToDictionary(entry => entry.GetProperty("uniqueId").GetString()!);

            Assert.Equal(6, fake.GetArrayLength());
            foreach (var entry in fake.EnumerateArray())
            {
                var twin = byId[entry.GetProperty("uniqueId").GetString()!];
                var realKeys = twin.EnumerateObject().Select(p => p.Name).ToList();
                var fakeKeys = entry.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Equal(realKeys.Where(fakeKeys.Contains), fakeKeys);
                Assert.Equal(twin.GetProperty("metrics").EnumerateObject().Select(p => p.Name), entry.GetProperty("metrics").EnumerateObject().Select(p => p.Name));
                Assert.Contains("token_auth={TOKEN}", twin.GetProperty("imageGraphUrl").GetString());
                Assert.Contains("token_auth=" + FakeTokens.SuperUser, entry.GetProperty("imageGraphUrl").GetString());
            }
        }

        /// <summary>
        /// Columns Matomo leaves out of a row when they are 0: a page nobody entered on or left from has no entry or exit
        /// columns. They are never required, and allowed where any real answer of the method and kind of period has them.
        /// </summary>
        private static bool LeftOutWhenZero(string column) => column.StartsWith("entry_", StringComparison.Ordinal) || column.StartsWith("exit_", StringComparison.Ordinal)
            || column.StartsWith("sum_daily_entry_", StringComparison.Ordinal) || column.StartsWith("sum_daily_exit_", StringComparison.Ordinal);

        /// <summary>The columns of every real row of a kind, in every captured answer of the same method and kind of period.</summary>
        private static HashSet<string> ColumnsElsewhere(Captured real, string kind)
        {
            bool day = real.Parameters["period"] == "day";
            var key = (real.Parameters["method"], day, real.Parameters.ContainsKey("expanded"), kind);
            lock (Elsewhere)
            {
                if (Elsewhere.TryGetValue(key, out var known)) return known;
            }
            var columns = Captured.Read("reports")
                .Where(other => other.Parameters.TryGetValue("method", out string? method) && method == real.Parameters["method"]
                    && other.Parameters.TryGetValue("period", out string? period) && (period == "day") == day
                    && other.Parameters.ContainsKey("expanded") == real.Parameters.ContainsKey("expanded"))
                .SelectMany(other => Tables(other.Answer).SelectMany(t => Rows(t.Table)))
                .Where(row => Kind(row) == kind)
                .SelectMany(row => row.EnumerateObject().Select(p => p.Name))
                .ToHashSet();
            lock (Elsewhere) Elsewhere[key] = columns;
            return columns;
        }

        private static readonly Dictionary<(string, bool, bool, string), HashSet<string>> Elsewhere = new Dictionary<(string, bool, bool, string), HashSet<string>>();

        /// <summary>What differs in shape: nesting, row kinds, columns and JSON kinds (see the class summary).</summary>
        private static List<string> Differences(Captured captured, JsonElement fake)
        {
            var real = captured.Answer;
            var differences = new List<string>();
            if (real.ValueKind != fake.ValueKind) return new List<string> { $"$: a {real.ValueKind} but the double: a {fake.ValueKind}" };
            var realTables = Tables(real).ToList();
            var fakeTables = Tables(fake).ToList();
            if (!realTables.Select(t => t.Path).SequenceEqual(fakeTables.Select(t => t.Path)))
                return new List<string> { $"tables {string.Join(",", realTables.Select(t => t.Path))} but the double: {string.Join(",", fakeTables.Select(t => t.Path))}" };

            var kinds = realTables.SelectMany(t => Rows(t.Table)).GroupBy(Kind).ToDictionary(group => group.Key, group => group.ToList());
            foreach (var (path, table) in fakeTables)
            {
                if (table.ValueKind != realTables.First(t => t.Path == path).Table.ValueKind)
                    differences.Add($"{path}: a {realTables.First(t => t.Path == path).Table.ValueKind} but the double: a {table.ValueKind}");
                foreach (var row in Rows(table))
                {
                    if (!kinds.TryGetValue(Kind(row), out var twins)) continue; // a kind of row the real data lacks (the double's nested folders)
                    var names = row.EnumerateObject().Select(p => p.Name).ToList();
                    var allowed = twins.SelectMany(twin => twin.EnumerateObject().Select(p => p.Name)).ToHashSet();
                    allowed.UnionWith(ColumnsElsewhere(captured, Kind(row)).Where(LeftOutWhenZero));
                    var required = twins.Select(twin => twin.EnumerateObject().Select(p => p.Name)).Aggregate((a, b) => a.Intersect(b).ToList())
                        .Where(column => !LeftOutWhenZero(column)).ToList();
                    string label = row.TryGetProperty("label", out var l) ? l.ToString() : "(one row)";
                    foreach (string extra in names.Where(n => !allowed.Contains(n))) differences.Add($"{path} '{label}': the double has '{extra}', no real row of its kind has");
                    foreach (string missing in required.Where(n => !names.Contains(n))) differences.Add($"{path} '{label}': the double lacks '{missing}', which every real row of its kind has");
                    if (twins[0].EnumerateObject().First().Name != names[0]) differences.Add($"{path} '{label}': the double starts with '{names[0]}'");
                    foreach (var column in row.EnumerateObject())
                    {
                        var realKinds = twins.Where(t => t.TryGetProperty(column.Name, out _)).Select(t => JsonKind(t.GetProperty(column.Name))).ToHashSet();
                        if (realKinds.Count > 0 && !realKinds.Contains(JsonKind(column.Value)))
                            differences.Add($"{path} '{label}'.{column.Name}: {string.Join("/", realKinds)} but the double: {JsonKind(column.Value)} ({column.Value.GetRawText()})");
                    }
                }
            }
            return differences;
        }

        /// <summary>Every table of an answer with its path: the answer itself, or its values under site and period keys.</summary>
        private static IEnumerable<(string Path, JsonElement Table)> Tables(JsonElement answer, string path = "$")
        {
            if (answer.ValueKind == JsonValueKind.Array)
            {
                yield return (path, answer);
                yield break;
            }
            if (answer.ValueKind != JsonValueKind.Object) yield break;
            if (answer.TryGetProperty("nb_visits", out _) || answer.TryGetProperty("label", out _))
            {
                yield return (path, answer);
                yield break;
            }
            foreach (var property in answer.EnumerateObject())
                foreach (var table in Tables(property.Value, path + "." + property.Name))
                    yield return table;
        }

        /// <summary>The rows of a table, and of the subtables an expanded report nests in them.</summary>
        private static IEnumerable<JsonElement> Rows(JsonElement table)
        {
            if (table.ValueKind == JsonValueKind.Object)
            {
                yield return table;
                yield break;
            }
            foreach (var row in table.EnumerateArray())
            {
                yield return row;
                if (row.TryGetProperty("subtable", out var nested))
                    foreach (var inner in Rows(nested)) yield return inner;
            }
        }

        /// <summary>A row's kind: a folder or channel with a subtable, a page with a URL, a flat row, or a plain row.</summary>
        private static string Kind(JsonElement row) =>
            (row.TryGetProperty("idsubdatatable", out _) ? "subtable " : string.Empty) + (row.TryGetProperty("url", out _) ? "url " : string.Empty)
            + (row.TryGetProperty("Actions_PageUrl", out _) || row.TryGetProperty("Actions_PageTitle", out _) ? "flat " : string.Empty)
            + (row.TryGetProperty("label", out _) ? "labelled" : "one row");

        /// <summary>A value's JSON kind as Matomo varies it: a number, a number written as text, a percent, other text, a list.</summary>
        private static string JsonKind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.String when double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) => "numeric text",
            JsonValueKind.String when value.GetString()!.EndsWith("%", StringComparison.Ordinal) => "percent text",
            JsonValueKind.String => "text",
            _ => value.ValueKind.ToString(),
        };

        private static List<string> Labels(string body) => JsonDocument.Parse(body).RootElement.EnumerateArray().Select(row => row.GetProperty("label").GetString()!).ToList();

        private static List<long> Hits(string body) => JsonDocument.Parse(body).RootElement.EnumerateArray().Select(row => row.GetProperty("nb_hits").GetInt64()).ToList();

        private static string Cut(string text) => text.Length > 600 ? text.Substring(0, 600) + "..." : text;
    }
}
