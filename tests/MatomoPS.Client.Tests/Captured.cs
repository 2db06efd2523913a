using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FakeMatomo;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// One answer captured from a real Matomo 5.1.2 and the request that got it, read from an INDEX.tsv of
    /// tests/data/realmatomo (see SOURCE.md there), with what the tests need to ask the double the same question.
    /// </summary>
    internal sealed class Captured
    {
        public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "RealMatomo");

        /// <summary>Every folder of captured answers, each with its INDEX.tsv.</summary>
        public static readonly string[] Folders = { "kit", "ours", Path.Combine("kit", "extra"), "faults", "reports" };

        // The kit's tokens become the double's tokens of the same kind; wrong ones stay wrong.
        private static readonly (string Placeholder, string Token)[] Tokens =
        {
            ("{TOKEN_SECURE_ONLY}", FakeTokens.SecureOnly), ("{TOKEN_VIEWER}", FakeTokens.SiteTwoViewer), ("{TOKEN}", FakeTokens.SuperUser),
        };

        // The double's data set has sites 1 to 150, so the real server's unknown site 99 is 999 there.
        private static readonly Dictionary<string, (string From, string To)> Rewrites = new Dictionary<string, (string, string)>
        {
            ["error__unknown-idSite-99.json"] = ("99", "999"),
        };

        // Each folder is read once, on first use.
        private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Captured>>> ByFolder = new ConcurrentDictionary<string, Lazy<IReadOnlyList<Captured>>>();

        public string Name { get; private set; } = string.Empty;
        public int Status { get; private set; }
        public string MediaType { get; private set; } = string.Empty;
        public string Request { get; private set; } = string.Empty;
        public string HttpMethod { get; private set; } = string.Empty;
        public string Query { get; private set; } = string.Empty;
        public string? RequestBody { get; private set; }
        public string Body { get; private set; } = string.Empty;

        /// <summary>The request's parameters (body and query together, the query winning as on Matomo), decoded, with the double's tokens.</summary>
        public IReadOnlyDictionary<string, string> Parameters { get; private set; } = new Dictionary<string, string>();

        /// <summary>The captured answer as JSON.</summary>
        public JsonElement Answer => JsonDocument.Parse(Body).RootElement;

        /// <summary>The answers of one folder of tests/data/realmatomo, as its INDEX.tsv lists them (read once).</summary>
        public static IReadOnlyList<Captured> Read(string folder) =>
            ByFolder.GetOrAdd(folder, name => new Lazy<IReadOnlyList<Captured>>(() => Load(name))).Value;

        private static List<Captured> Load(string folder)
        {
            var answers = new List<Captured>();
            foreach (string line in File.ReadAllLines(Path.Combine(Folder, folder, "INDEX.tsv")).Skip(1))
            {
                var cells = line.Split('\t');
                if (cells.Length < 5) continue;
                var answer = new Captured
                {
                    Name = cells[0],
                    Status = int.Parse(cells[1]),
                    MediaType = cells[2].Split(';')[0].Trim(),
                    Request = cells[4],
                    Body = File.ReadAllText(Path.Combine(Folder, folder, cells[0])),
                };
                string request = Rewrites.TryGetValue(answer.Name, out var rewrite) ? Regex.Replace(cells[4], $@"\b{rewrite.From}\b", rewrite.To) : cells[4];
                if (rewrite.From != null) answer.Body = answer.Body.Replace($"'{rewrite.From}'", $"'{rewrite.To}'");
                foreach (var (placeholder, token) in Tokens) request = request.Replace(placeholder, token);
                var parts = Regex.Match(request, @"^(GET|POST) index\.php(?:\?(\S*))?(?:  body: (.*))?$");
                Assert.True(parts.Success, $"{folder}/INDEX.tsv: a request that is not understood: {cells[4]}");
                answer.HttpMethod = parts.Groups[1].Value;
                answer.Query = parts.Groups[2].Value;
                answer.RequestBody = parts.Groups[3].Success ? parts.Groups[3].Value : null;
                var parameters = FakeMatomoApi.ParseQueryString(answer.RequestBody ?? string.Empty);
                foreach (var pair in FakeMatomoApi.ParseQueryString(answer.Query)) parameters[pair.Key] = pair.Value;
                answer.Parameters = parameters;
                answers.Add(answer);
            }
            return answers;
        }

        public static Captured Find(string name) => Folders.SelectMany(Read).Single(answer => answer.Name == name);

        /// <summary>
        /// Asks the double at <paramref name="baseUrl"/> the captured question, byte for byte, or with <paramref name="changes"/>:
        /// each replaces that parameter's value where the request has it (query, body or both), else is added to the body
        /// (to the query of a GET).
        /// </summary>
        public static Task<(int Status, string MediaType, string Body)> Replay(string baseUrl, Captured answer, IReadOnlyDictionary<string, string>? changes = null)
        {
            string query = answer.Query;
            string? body = answer.RequestBody;
            foreach (var change in changes ?? new Dictionary<string, string>())
            {
                string pair = Uri.EscapeDataString(change.Key) + "=" + Uri.EscapeDataString(change.Value);
                string? changedQuery = Changed(query, change.Key, pair);
                string? changedBody = body == null ? null : Changed(body, change.Key, pair);
                query = changedQuery ?? query;
                body = changedBody ?? body;
                if (changedQuery != null || changedBody != null) continue;
                if (answer.HttpMethod == "GET") query = query.Length > 0 ? query + "&" + pair : pair;
                else body = string.IsNullOrEmpty(body) ? pair : body + "&" + pair;
            }
            return Replay(baseUrl, answer.HttpMethod, query, body);
        }

        // A query string with every name=value whose decoded name is name replaced by pair; null when there is none.
        private static string? Changed(string text, string name, string pair)
        {
            var parts = text.Split('&');
            bool found = false;
            for (int i = 0; i < parts.Length; i++)
            {
                int equals = parts[i].IndexOf('=');
                if (WebUtility.UrlDecode(equals < 0 ? parts[i] : parts[i].Substring(0, equals)) != name) continue;
                parts[i] = pair;
                found = true;
            }
            return found ? string.Join("&", parts) : null;
        }

        public static async Task<(int Status, string MediaType, string Body)> Replay(string baseUrl, string method, string query, string? body)
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(new HttpMethod(method), baseUrl + "index.php" + (query.Length > 0 ? "?" + query : string.Empty));
            if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, await response.Content.ReadAsStringAsync());
        }

        /// <summary>The message of Matomo's HTML error page: the text of its h2.</summary>
        public static string HtmlMessage(string page) => HtmlText(page, "h2");

        /// <summary>The text of the first element <paramref name="tag"/> of a page (title, h1, h2, p).</summary>
        public static string HtmlText(string page, string tag)
        {
            var match = Regex.Match(page, $"<{tag}>(.*?)</{tag}>", RegexOptions.Singleline);
            Assert.True(match.Success, $"An HTML page without a {tag}: " + Cut(page));
            return Regex.Replace(WebUtility.HtmlDecode(match.Groups[1].Value), @"\s+", " ").Trim();
        }

        public static string Cut(string text) => text.Length > 400 ? text.Substring(0, 400) + "..." : text;
    }
}
