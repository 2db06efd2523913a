using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FakeMatomo;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// One report answer captured from a real Matomo 5.1.2 (tests/data/realmatomo/reports, listed in its INDEX.tsv with
    /// the exact request), and the same request replayed on a Matomo double with the double's token of the same kind.
    /// </summary>
    internal sealed class CapturedReport
    {
        public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "RealMatomo", "reports");

        public string Name { get; private set; } = string.Empty;
        public int Status { get; private set; }
        public string MediaType { get; private set; } = string.Empty;
        public string Request { get; private set; } = string.Empty;
        public string Body { get; private set; } = string.Empty;

        /// <summary>The request's parameters (query and body together), decoded, with the double's super user token.</summary>
        public Dictionary<string, string> Parameters { get; private set; } = new Dictionary<string, string>();

        public JsonElement Answer => JsonDocument.Parse(Body).RootElement;

        private static readonly Lazy<List<CapturedReport>> Everything = new Lazy<List<CapturedReport>>(Read);

        /// <summary>Every captured answer, read once.</summary>
        public static List<CapturedReport> All() => Everything.Value;

        private static List<CapturedReport> Read()
        {
            var answers = new List<CapturedReport>();
            foreach (string line in File.ReadAllLines(Path.Combine(Folder, "INDEX.tsv")).Skip(1))
            {
                var cells = line.Split('\t');
                if (cells.Length < 5) continue;
                var parts = Regex.Match(cells[4].Replace("{TOKEN}", FakeTokens.SuperUser), @"^POST index\.php(?:\?(\S*))?  body: (.*)$");
                if (!parts.Success) throw new InvalidDataException($"reports/INDEX.tsv: a request that is not understood: {cells[4]}");
                var parameters = FakeMatomoApi.ParseQueryString(parts.Groups[2].Value);
                foreach (var pair in FakeMatomoApi.ParseQueryString(parts.Groups[1].Value)) parameters[pair.Key] = pair.Value;
                answers.Add(new CapturedReport
                {
                    Name = cells[0],
                    Status = int.Parse(cells[1]),
                    MediaType = cells[2].Split(';')[0].Trim(),
                    Request = cells[4],
                    Body = File.ReadAllText(Path.Combine(Folder, cells[0])),
                    Parameters = parameters,
                });
            }
            return answers;
        }

        public static CapturedReport Find(string name) => All().Single(answer => answer.Name == name);

        /// <summary>The same question asked of the double (every parameter in the POST body): status, media type and answer.</summary>
        public Task<(int Status, string MediaType, string Body)> ReplayAsync(string baseUrl, IDictionary<string, string>? changes = null)
        {
            var parameters = new Dictionary<string, string>(Parameters);
            foreach (var change in changes ?? new Dictionary<string, string>()) parameters[change.Key] = change.Value;
            return PostAsync(baseUrl, parameters);
        }

        public static async Task<(int Status, string MediaType, string Body)> PostAsync(string baseUrl, IDictionary<string, string> parameters)
        {
            string form = string.Join("&", parameters.Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value)));
            using var http = new HttpClient();
            using var response = await http.PostAsync(baseUrl + "index.php", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, await response.Content.ReadAsStringAsync());
        }

        /// <summary>Every table of an answer with its path: the answer itself, or its values under site and period keys.</summary>
        public static IEnumerable<(string Path, JsonElement Table)> Tables(JsonElement answer, string path = "$")
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
        public static IEnumerable<JsonElement> Rows(JsonElement table)
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

        public override string ToString() => Name;
    }
}
