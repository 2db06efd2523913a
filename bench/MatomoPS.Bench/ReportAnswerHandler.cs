using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Bench
{
    /// <summary>
    /// Answers report requests the way Matomo answers a flat page report by day: an object keyed by the days of the
    /// request's date range, each with <c>rowsPerDay</c> rows shaped like Matomo 5's (counts of a day partly as text,
    /// rates as fractions, url, segment; with <c>narrow</c>, the 5 columns <c>showColumns=nb_hits</c> leaves). With
    /// <c>keep</c>, each answer is made once and then served from memory, so timed runs measure the client, not the
    /// making of answers.
    /// </summary>
    internal sealed class ReportAnswerHandler : HttpMessageHandler
    {
        private readonly byte[][] _days;
        private readonly bool _keep;
        private readonly bool _narrow;
        private readonly ConcurrentDictionary<string, byte[]> _made = new ConcurrentDictionary<string, byte[]>();
        private long _bytes;

        public ReportAnswerHandler(int rowsPerDay, bool keep, bool narrow = false)
        {
            _narrow = narrow;
            _keep = keep;
            // Seven days of rows, used in turn: the reader sees different numbers day by day at no cost per request.
            _days = new byte[7][];
            var random = new Random(42);
            for (int d = 0; d < _days.Length; d++) _days[d] = Encoding.UTF8.GetBytes(Rows(rowsPerDay, random));
        }

        /// <summary>The bytes of every answer sent so far.</summary>
        public long BytesSent => Interlocked.Read(ref _bytes);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The client sends a single request's parameters in the query string, and only the token in the body.
            string form = request.RequestUri!.Query.TrimStart('?') + "&" + await request.Content!.ReadAsStringAsync().ConfigureAwait(false);
            string dates = WebUtility.UrlDecode(Parameter(form, "date"));
            byte[] body = _keep ? _made.GetOrAdd(dates, Answer) : Answer(dates);
            Interlocked.Add(ref _bytes, body.Length);
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }

        private byte[] Answer(string dates)
        {
            var first = DateTime.ParseExact(dates.Substring(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var last = DateTime.ParseExact(dates.Substring(11, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            int length = 2;
            for (var day = first; day <= last; day = day.AddDays(1)) length += 16 + _days[day.DayOfYear % 7].Length;
            var answer = new byte[length - (first <= last ? 1 : 0)];
            int at = 0;
            answer[at++] = (byte)'{';
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (day != first) answer[at++] = (byte)',';
                at += Encoding.ASCII.GetBytes("\"" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "\":", 0, 13, answer, at);
                var rows = _days[day.DayOfYear % 7];
                Buffer.BlockCopy(rows, 0, answer, at, rows.Length);
                at += rows.Length;
            }
            answer[at++] = (byte)'}';
            Array.Resize(ref answer, at);
            return answer;
        }

        private string Rows(int count, Random random)
        {
            var json = new StringBuilder("[");
            for (int i = 0; i < count; i++)
            {
                int visits = random.Next(1, 400), hits = visits + random.Next(0, 50), entries = random.Next(0, visits), exits = random.Next(0, visits);
                string path = $"/{Languages[i % Languages.Length]}/page-{i}/";
                string url = "https://example.org" + path;
                if (i > 0) json.Append(',');
                if (_narrow)
                {
                    json.Append("{\"label\":\"").Append(path.Replace("/", "\\/")).Append("\",\"nb_hits\":").Append(hits)
                        .Append(",\"url\":\"").Append(url.Replace("/", "\\/")).Append("\",\"Actions_PageUrl\":\"").Append(path.Replace("/", "\\/"))
                        .Append("\",\"segment\":\"pageUrl==").Append(Uri.EscapeDataString(Uri.EscapeDataString(url))).Append("\"}");
                    continue;
                }
                json.Append("{\"label\":\"").Append(path.Replace("/", "\\/")).Append("\",\"nb_visits\":").Append(visits)
                    .Append(",\"nb_uniq_visitors\":").Append(visits - random.Next(0, visits / 4 + 1)).Append(",\"nb_hits\":").Append(hits)
                    .Append(",\"sum_time_spent\":").Append(random.Next(0, 90_000)).Append(",\"entry_nb_uniq_visitors\":").Append(entries)
                    .Append(",\"entry_nb_visits\":\"").Append(entries).Append("\",\"entry_nb_actions\":\"").Append(entries * 2)
                    .Append("\",\"entry_sum_visit_length\":\"").Append(entries * 61).Append("\",\"entry_bounce_count\":\"").Append(entries / 3)
                    .Append("\",\"exit_nb_uniq_visitors\":").Append(exits).Append(",\"exit_nb_visits\":\"").Append(exits)
                    .Append("\",\"avg_page_load_time\":0,\"avg_time_on_page\":").Append(random.Next(0, 300))
                    .Append(",\"bounce_rate\":").Append((random.Next(0, 100) / 100.0).ToString(CultureInfo.InvariantCulture))
                    .Append(",\"exit_rate\":").Append((random.Next(0, 100) / 100.0).ToString(CultureInfo.InvariantCulture))
                    .Append(",\"url\":\"").Append(url.Replace("/", "\\/")).Append("\",\"Actions_PageUrl\":\"").Append(path.Replace("/", "\\/"))
                    .Append("\",\"segment\":\"pageUrl==").Append(Uri.EscapeDataString(Uri.EscapeDataString(url))).Append("\"}");
            }
            return json.Append(']').ToString();
        }

        private static readonly string[] Languages = { "de", "en", "ar", "fa", "tr", "ru", "uk", "fr", "es", "it" };

        private static string Parameter(string form, string name)
        {
            foreach (string pair in form.Split('&'))
                if (pair.StartsWith(name + "=", StringComparison.Ordinal)) return pair.Substring(name.Length + 1);
            throw new InvalidOperationException($"The request has no {name}.");
        }
    }
}
