using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS.Bench
{
    /// <summary>
    /// A flat page report by day over <c>years</c> years with <c>rows</c> rows a day (rows as Matomo 5 sends them, 19
    /// columns): the parse rate of the report reader (answer bytes to rows) and of the whole client (transport, reader,
    /// parts read four at a time) in rows per CPU second, and the memory one read holds, in parts or in one request.
    /// </summary>
    internal static class ReportBenchmark
    {
        private static readonly DateTime Start = new DateTime(2015, 1, 1);
        private const int DaysPerPart = 200;

        /// <summary>Answers are made once, then read again and again: first by the reader alone, then through the client.</summary>
        public static int Rate(int years, int rowsPerDay, int runs)
        {
            var handler = new ReportAnswerHandler(rowsPerDay, keep: true);
            var query = Query(years);
            long expected = (long)rowsPerDay * ((query.End - query.Start).Days + 1);
            var parts = Parts(query, handler);
            var reader = new MatomoReader(new MatomoExceptions(MatomoToken.FromPlainText("bench-token-not-real")), () => new DateTime(2025, 6, 30));
            long ReadParts()
            {
                long rows = 0;
                foreach (var (from, to, body) in parts)
                    foreach (var table in reader.ReadReport(query, from, to, body, CultureInfo.InvariantCulture)) rows += table.Rows.Count;
                return rows;
            }
            using var matomo = new MatomoClient(new MatomoClientOptions(new Uri("http://127.0.0.1:9/index.php"), MatomoToken.FromPlainText("bench-token-not-real"))
            {
                Today = () => new DateTime(2025, 6, 30),
            }, handler);

            // The floor: System.Text.Json's reader scanning every token of the same answers, nothing made of them.
            long Scan()
            {
                long tokens = 0;
                foreach (var (_, _, body) in parts)
                {
                    var json = new System.Text.Json.Utf8JsonReader(body);
                    while (json.Read()) tokens++;
                }
                return expected;
            }
            var scan = Measure(Scan, expected, runs);
            var parse = Measure(ReadParts, expected, runs);
            // The same rows with the columns showColumns=nb_hits leaves (label, nb_hits, url, path, segment).
            var narrowParts = Parts(query, new ReportAnswerHandler(rowsPerDay, keep: true, narrow: true));
            var narrow = Measure(() =>
            {
                long rows = 0;
                foreach (var (from, to, body) in narrowParts)
                    foreach (var table in reader.ReadReport(query, from, to, body, CultureInfo.InvariantCulture)) rows += table.Rows.Count;
                return rows;
            }, expected, runs);
            var client = Measure(() => ReadAll(matomo, query, null), expected, runs);
            Console.WriteLine(string.Join(" ",
                $"rows={expected}",
                $"answerBytes={parts.Sum(part => (long)part.Body.Length)}",
                $"scanMedianCpuSeconds={Text(scan.MedianCpu)}",
                $"parseMedianCpuSeconds={Text(parse.MedianCpu)}",
                $"parseBestCpuSeconds={Text(parse.BestCpu)}",
                $"parseMedianSeconds={Text(parse.Median)}",
                $"parseAllocatedBytes={parse.Allocated}",
                $"narrowAnswerBytes={narrowParts.Sum(part => (long)part.Body.Length)}",
                $"narrowMedianCpuSeconds={Text(narrow.MedianCpu)}",
                $"clientMedianCpuSeconds={Text(client.MedianCpu)}",
                $"clientMedianSeconds={Text(client.Median)}",
                $"clientAllocatedBytes={client.Allocated}"));
            return 0;
        }

        /// <summary>
        /// The memory one read holds, answers made as they are asked for (none kept): in parts (as Get-MatomoReport reads)
        /// with each part's rows dropped once handed on, or <c>whole</c>, in one request.
        /// </summary>
        public static int Memory(int years, int rowsPerDay, bool whole)
        {
            var handler = new ReportAnswerHandler(rowsPerDay, keep: false);
            using var client = new MatomoClient(new MatomoClientOptions(new Uri("http://127.0.0.1:9/index.php"), MatomoToken.FromPlainText("bench-token-not-real"))
            {
                Today = () => new DateTime(2025, 6, 30),
            }, handler);
            var query = Query(years);
            long peakHeap = 0, rows;
            if (whole)
            {
                var tables = client.GetReportAsync(query).GetAwaiter().GetResult();
                rows = tables.Sum(table => (long)table.Rows.Count);
                peakHeap = GC.GetTotalMemory(forceFullCollection: true);
                GC.KeepAlive(tables);
            }
            else
            {
                // What is alive while a part is handed on: the parts in flight and the one being written, not the report.
                rows = ReadAll(client, query, () => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: true)));
            }
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine(string.Join(" ", $"rows={rows}", $"answerBytes={handler.BytesSent}", $"peakHeapBytes={peakHeap}", $"peakWorkingSetBytes={process.PeakWorkingSet64}"));
            return 0;
        }

        private static MatomoReportQuery Query(int years) =>
            MatomoReportQuery.Create("Actions.getPageUrls", new[] { 1 }, MatomoPeriod.Day, Start, Start.AddYears(years).AddDays(-1), flat: true);

        /// <summary>The answers of the report's parts of 200 days (20,000 rows at 100 a day), made once.</summary>
        private static List<(DateTime From, DateTime To, byte[] Body)> Parts(MatomoReportQuery query, ReportAnswerHandler handler)
        {
            var parts = new List<(DateTime, DateTime, byte[])>();
            using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
            for (var from = query.Start; from <= query.End; from = from.AddDays(DaysPerPart))
            {
                var to = from.AddDays(DaysPerPart - 1) > query.End ? query.End : from.AddDays(DaysPerPart - 1);
                var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/index.php")
                {
                    Content = new StringContent($"date={from:yyyy-MM-dd}%2C{to:yyyy-MM-dd}"),
                };
                using var answer = invoker.SendAsync(request, CancellationToken.None).GetAwaiter().GetResult();
                parts.Add((from, to, answer.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()));
            }
            return parts;
        }

        /// <summary>Reads every part, as Get-MatomoReport does, and counts the rows; nothing is kept.</summary>
        private static long ReadAll(MatomoClient client, MatomoReportQuery query, Action? afterPart)
        {
            long rows = 0;
            client.ReadReportAsync(query, new MatomoReportFetchOptions(), tables =>
            {
                foreach (var table in tables) rows += table.Rows.Count;
                afterPart?.Invoke();
                return Task.CompletedTask;
            }).GetAwaiter().GetResult();
            return rows;
        }

        private static Timed Measure(Func<long> run, long expected, int runs) => Timing.Measure(run, expected, runs, warmUps: 2);

        private static string Text(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
    }
}
