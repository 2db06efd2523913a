using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS.Bench
{
    /// <summary>
    /// The client's parse rate: one bulk answer of <c>series</c> daily series over <c>years</c> years goes through
    /// MatomoClient.FetchSeries (transport, JSON parser, rows) from a canned HTTP answer.
    /// </summary>
    internal static class ParseBenchmark
    {
        private static readonly DateTime Start = new DateTime(2015, 1, 1);

        public static int Run(int series, int years, int runs)
        {
            DateTime end = Start.AddYears(years).AddDays(-1);
            byte[] body = BuildAnswer(series, Start, end);
            var options = new MatomoClientOptions(new Uri("http://127.0.0.1:9/index.php"), MatomoToken.FromPlainText("bench-token-not-real"))
            {
                Today = () => new DateTime(2025, 6, 30),
            };
            using var client = new MatomoClient(options, new CannedAnswerHandler(body));
            var queries = Enumerable.Range(0, series)
                .Select(i => MatomoSeriesQuery.ForLanguage(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Day, Start, end, "pageUrl=@/{0}/", "l" + i.ToString(CultureInfo.InvariantCulture)))
                .ToList();
            // One bulk request of every series, as the canned answer holds them all (the plan would otherwise spread them over 4 requests).
            var fetch = new MatomoFetchOptions { BatchSize = series, ThrottleLimit = 1 };

            long points = (long)series * ((end - Start).Days + 1);
            // Three runs to warm up: JIT and first-use costs.
            var timed = Timing.Measure(() => FetchAll(client, queries, fetch).GetAwaiter().GetResult(), points, runs, warmUps: 3);
            double median = timed.Median;
            using var process = Process.GetCurrentProcess();
            // One line of name=value pairs for bench/scripts/Bench.ps1 to read.
            Console.WriteLine(string.Join(" ",
                $"points={points}",
                $"answerBytes={body.Length}",
                $"medianSeconds={median.ToString("0.0000", CultureInfo.InvariantCulture)}",
                $"bestSeconds={timed.Best.ToString("0.0000", CultureInfo.InvariantCulture)}",
                $"pointsPerSecond={(points / median).ToString("0", CultureInfo.InvariantCulture)}",
                // CPU time (all threads, GC included) tells the client's own cost apart from waiting for a busy machine.
                $"medianCpuSeconds={timed.MedianCpu.ToString("0.0000", CultureInfo.InvariantCulture)}",
                $"allocatedBytesPerRun={timed.Allocated}",
                $"peakWorkingSetBytes={process.PeakWorkingSet64}"));
            return 0;
        }

        private static async Task<long> FetchAll(MatomoClient client, IReadOnlyList<MatomoSeriesQuery> queries, MatomoFetchOptions fetch)
        {
            long points = 0;
            foreach (var task in client.FetchSeries(queries, fetch))
                points += (await task.ConfigureAwait(false)).Count;
            return points;
        }

        /// <summary>What Matomo answers to API.getBulkRequest for daily single-metric series: one date-keyed object per series.</summary>
        private static byte[] BuildAnswer(int series, DateTime start, DateTime end)
        {
            var random = new Random(42);
            var json = new StringBuilder("[");
            for (int s = 0; s < series; s++)
            {
                json.Append(s == 0 ? "{" : ",{");
                for (var day = start; day <= end; day = day.AddDays(1))
                {
                    if (day != start) json.Append(',');
                    json.Append('"').Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\":").Append(random.Next(0, 5000));
                }
                json.Append('}');
            }
            return Encoding.UTF8.GetBytes(json.Append(']').ToString());
        }
    }
}
