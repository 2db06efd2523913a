using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    public sealed class LanguageVisitsCommandTests : SessionTest
    {
        private const string BulkMethod = "API.getBulkRequest";
        private static readonly DateTime Start = new DateTime(2025, 1, 1);
        private static readonly DateTime End = new DateTime(2025, 3, 31);
        private readonly List<FakeMatomoServer> _ownServers = new List<FakeMatomoServer>();

        public LanguageVisitsCommandTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        public override void Dispose()
        {
            base.Dispose();
            foreach (var server in _ownServers) server.Dispose();
        }

        private FakeDataSet Data => Fixture.Server.Api.Data;

        /// <summary>A double of its own, for tests that script faults; the session connects to it.</summary>
        private FakeMatomoServer OwnServer(params FakeFault[] faults)
        {
            var server = FakeMatomoServer.Start(ServerFixture.ServerToday);
            server.Faults.AddRange(faults);
            _ownServers.Add(server);
            Session.Set(null);
            ConnectTo(server);
            return server;
        }

        private List<MatomoSeriesRow> Run(string script, Dictionary<string, object?>? variables = null) =>
            Shell.Run(script, variables).Select(item => Assert.IsType<MatomoSeriesRow>(item.BaseObject)).ToList();

        /// <summary>The requests a command made: those after <paramref name="before"/> requests.</summary>
        private static List<FakeRequestRecord> RequestsSince(FakeMatomoServer server, int before) =>
            server.Requests.Where(request => request.Number > before).OrderBy(request => request.Number).ToList();

        /// <summary>The decoded segment values of a request, whether it is one series or a bulk request.</summary>
        private static List<string> SegmentValues(FakeRequestRecord request)
        {
            var segments = new List<string>();
            if (request.Parameter("segment") is string segment) segments.Add(segment);
            foreach (var pair in request.Body.Where(pair => pair.Key.StartsWith("urls[", StringComparison.Ordinal)))
                if (FakeMatomoApi.ParseQueryString(pair.Value).TryGetValue("segment", out string? inner)) segments.Add(inner);
            return segments.SelectMany(text => FakeSegment.Parse(text).Values).ToList();
        }

        /// <summary>The series names in output order, each named once per run of consecutive rows.</summary>
        private static List<string> SeriesOrder(IEnumerable<MatomoSeriesRow> rows)
        {
            var order = new List<string>();
            foreach (var row in rows)
                if (order.Count == 0 || order[order.Count - 1] != row.Series) order.Add(row.Series);
            return order;
        }

        private void AssertSeries(List<MatomoSeriesRow> rows, string series, MatomoPeriod period, DateTime start, DateTime end,
            string? wireSegment, MatomoMetric metric = MatomoMetric.Visits)
        {
            var expected = ExpectedVisits.Series(Data, period, start, end, wireSegment, metric);
            var actual = rows.Where(row => row.Series == series).ToList();
            Assert.Equal(expected.Select(e => e.Key), actual.Select(row => row.Key));
            Assert.Equal(expected.Select(e => e.Value), actual.Select(row => row.Value));
            Assert.All(actual, row => Assert.Equal(period, row.Period));
            Assert.All(actual, row => Assert.Equal(metric, row.Metric));
        }

        [Theory]
        [InlineData(MatomoPeriod.Day, MatomoMetric.Visits)]
        [InlineData(MatomoPeriod.Week, MatomoMetric.Visits)]
        [InlineData(MatomoPeriod.Month, MatomoMetric.Visits)]
        [InlineData(MatomoPeriod.Year, MatomoMetric.Visits)]
        [InlineData(MatomoPeriod.Month, MatomoMetric.Actions)]
        public void Each_language_and_the_total_carry_the_doubles_exact_numbers(MatomoPeriod period, MatomoMetric metric)
        {
            var rows = Run("Get-MatomoLanguageVisits -Language de, en, ar -Start 2025-01-01 -End 2025-03-31 -Period $period -Metric $metric",
                new Dictionary<string, object?> { ["period"] = period.ToString(), ["metric"] = metric.ToString() });

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { "de", "en", "ar", MatomoSeriesQuery.TotalSeries }, SeriesOrder(rows));
            foreach (string code in new[] { "de", "en", "ar" })
            {
                AssertSeries(rows, code, period, Start, End, ExpectedVisits.LanguageSegment(code), metric);
                Assert.All(rows.Where(row => row.Series == code), row => Assert.Equal($"pageUrl=@/{code}/", row.Segment));
            }
            AssertSeries(rows, MatomoSeriesQuery.TotalSeries, period, Start, End, null, metric);
            Assert.All(rows.Where(row => row.Series == MatomoSeriesQuery.TotalSeries), row => Assert.Equal(string.Empty, row.Segment));
            // The numbers differ per series, so a mix-up of slots could not pass unnoticed.
            Assert.True(rows.Where(row => row.Series == "de").Sum(row => row.Value) > rows.Where(row => row.Series == "en").Sum(row => row.Value));
        }

        [Theory]
        [InlineData("pageUrl=@/{0}/wp-json/,pageUrl=@/api/v3/augsburg/{0}/", "pageUrl=@%2Fde%2Fwp-json%2F,pageUrl=@%2Fapi%2Fv3%2Faugsburg%2Fde%2F")]
        [InlineData("languageCode=={0}", "languageCode==de")]
        public void A_segment_template_builds_each_languages_segment(string template, string wireSegmentForDe)
        {
            var rows = Run("Get-MatomoLanguageVisits -Language de -SegmentTemplate $template -Start 2025-01-01 -End 2025-03-31 -Period Month",
                new Dictionary<string, object?> { ["template"] = template });

            Assert.Empty(Shell.Errors);
            AssertSeries(rows, "de", MatomoPeriod.Month, Start, End, wireSegmentForDe);
            Assert.All(rows.Where(row => row.Series == "de"), row => Assert.Equal(template.Replace("{0}", "de"), row.Segment));
            Assert.True(rows.Where(row => row.Series == "de").Sum(row => row.Value) > 0);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Languages_come_in_the_order_given_and_the_total_last_whatever_order_the_answers_arrive_in(bool noBulk)
        {
            // The first language's answer is held back, so it arrives after all the others.
            var server = OwnServer(new FakeFault
            {
                When = request => SegmentValues(request).Contains("/uk/"),
                Delay = TimeSpan.FromMilliseconds(700),
            });
            int before = server.RequestCount;
            string switches = noBulk ? "-NoBulk" : "-BatchSize 1";
            var rows = Run($"Get-MatomoLanguageVisits -Language uk, de, fr, en -Start 2025-03-01 -End 2025-03-10 -ThrottleLimit 8 {switches}");

            Assert.Empty(Shell.Errors);
            Assert.Equal(5, RequestsSince(server, before).Count);
            Assert.Equal(new[] { "uk", "de", "fr", "en", MatomoSeriesQuery.TotalSeries }, SeriesOrder(rows));
            foreach (var series in rows.GroupBy(row => row.Series))
            {
                Assert.Equal(10, series.Count());
                Assert.Equal(series.Select(row => row.Date).OrderBy(date => date), series.Select(row => row.Date));
            }
        }

        [Theory]
        [InlineData("", 4)]
        [InlineData("-BatchSize 20", 7)]
        [InlineData("-ThrottleLimit 1 -BatchSize 200", 1)]
        public void A_hundred_and_twenty_languages_and_the_total_come_back_whole(string batch, int bulkRequests)
        {
            var codes = FakeDataSet.Languages.Take(120).ToArray();
            int before = Fixture.Server.RequestCount, looksBefore = Fixture.Server.Api.LiveCalls;
            var rows = Run($"Get-MatomoLanguageVisits -Language $codes -Start 2025-06-01 -End 2025-06-07 {batch}",
                new Dictionary<string, object?> { ["codes"] = codes });

            Assert.Empty(Shell.Errors);
            var all = RequestsSince(Fixture.Server, before);
            var requests = all.Where(request => request.ApiMethod == BulkMethod && request.Body["urls[0]"].StartsWith("method=VisitsSummary.", StringComparison.Ordinal)).ToList();
            Assert.Equal(bulkRequests, requests.Count);
            // A language without a visit that week is 0 throughout: the visit log is asked once for it, agrees, and nothing is said;
            // the looks for the languages of one request go together, in one request of their own.
            int allZero = codes.Count(code => rows.Where(row => row.Series == code).All(row => row.Value == 0));
            Assert.InRange(allZero, 1, 120);
            Assert.Equal((allZero, 0), (Fixture.Server.Api.LiveCalls - looksBefore, Shell.Warnings.Count));
            Assert.InRange(all.Count - bulkRequests, 1, bulkRequests);
            Assert.All(requests, request => Assert.Equal("-1", request.Query["filter_limit"]));
            Assert.Equal(121, requests.Sum(request => request.Body.Keys.Count(key => key.StartsWith("urls[", StringComparison.Ordinal))));

            Assert.Equal(codes.Append(MatomoSeriesQuery.TotalSeries), SeriesOrder(rows));
            Assert.Equal(121 * 7, rows.Count);
            foreach (string code in codes)
                AssertSeries(rows, code, MatomoPeriod.Day, new DateTime(2025, 6, 1), new DateTime(2025, 6, 7), ExpectedVisits.LanguageSegment(code));
            AssertSeries(rows, MatomoSeriesQuery.TotalSeries, MatomoPeriod.Day, new DateTime(2025, 6, 1), new DateTime(2025, 6, 7), null);
        }

        [Fact]
        public void NoBulk_sends_one_request_per_series_with_the_same_numbers()
        {
            int before = Fixture.Server.RequestCount;
            var rows = Run("Get-MatomoLanguageVisits -Language de, en, ar -Start 2025-02-01 -End 2025-02-28 -Period Week -NoBulk");

            Assert.Empty(Shell.Errors);
            var requests = RequestsSince(Fixture.Server, before);
            Assert.Equal(4, requests.Count);
            Assert.All(requests, request => Assert.Equal("VisitsSummary.getVisits", request.ApiMethod));
            Assert.Equal(
                new[] { null, "pageUrl=@%2Far%2F", "pageUrl=@%2Fde%2F", "pageUrl=@%2Fen%2F" },
                requests.Select(request => request.Parameter("segment")).OrderBy(segment => segment, StringComparer.Ordinal));
            Assert.Equal(new[] { "de", "en", "ar", MatomoSeriesQuery.TotalSeries }, SeriesOrder(rows));
            foreach (string code in new[] { "de", "en", "ar" })
                AssertSeries(rows, code, MatomoPeriod.Week, new DateTime(2025, 2, 1), new DateTime(2025, 2, 28), ExpectedVisits.LanguageSegment(code));
            AssertSeries(rows, MatomoSeriesQuery.TotalSeries, MatomoPeriod.Week, new DateTime(2025, 2, 1), new DateTime(2025, 2, 28), null);
        }

        [Fact]
        public void Objects_with_a_Slug_property_bind_from_the_pipeline_into_one_round_trip()
        {
            int before = Fixture.Server.RequestCount;
            var rows = Run("[pscustomobject]@{ Slug = 'de'; Name = 'Deutsch' }, [pscustomobject]@{ Slug = 'fa'; Name = 'Farsi' } |" +
                           " Get-MatomoLanguageVisits -Start 2025-01-01 -End 2025-03-31 -Period Month -NoTotal -ThrottleLimit 1");

            Assert.Empty(Shell.Errors);
            var request = Assert.Single(RequestsSince(Fixture.Server, before));
            Assert.Equal(BulkMethod, request.ApiMethod);
            Assert.Equal(new[] { "de", "fa" }, SeriesOrder(rows));
            AssertSeries(rows, "de", MatomoPeriod.Month, Start, End, ExpectedVisits.LanguageSegment("de"));
            AssertSeries(rows, "fa", MatomoPeriod.Month, Start, End, ExpectedVisits.LanguageSegment("fa"));
        }

        [Fact]
        public void Codes_from_the_pipeline_bind_by_value_and_a_repeated_code_is_fetched_once()
        {
            int before = Fixture.Server.RequestCount;
            var rows = Run("'ar', 'de', 'AR' | Get-MatomoLanguageVisits -Start 2025-01-01 -End 2025-03-31 -Period Month -ThrottleLimit 1");

            Assert.Empty(Shell.Errors);
            Assert.Contains(Shell.Warnings, warning => warning.Contains("'AR'") && warning.Contains("more than once"));
            var request = Assert.Single(RequestsSince(Fixture.Server, before));
            Assert.Equal(3, request.Body.Keys.Count(key => key.StartsWith("urls[", StringComparison.Ordinal)));
            Assert.Equal(new[] { "ar", "de", MatomoSeriesQuery.TotalSeries }, SeriesOrder(rows));
            AssertSeries(rows, "ar", MatomoPeriod.Month, Start, End, ExpectedVisits.LanguageSegment("ar"));
        }

        [Fact]
        public void A_failing_sub_request_is_an_error_for_its_language_while_the_others_arrive()
        {
            OwnServer(new FakeFault
            {
                When = request => request.ApiMethod == BulkMethod,
                BulkSlotError = "Archiving the segment failed: the server ran out of memory.",
                BulkSlot = 1,
            });
            var rows = Run("Get-MatomoLanguageVisits -Language de, en, ar -Start 2025-01-01 -End 2025-03-31 -Period Month -ThrottleLimit 1");

            var error = Assert.Single(Shell.Errors);
            Assert.Equal("en", error.TargetObject);
            Assert.StartsWith("MatomoInvalidRequest", error.FullyQualifiedErrorId);
            Assert.Contains("Archiving the segment failed", error.Exception.Message);
            Assert.Contains("'en'", error.Exception.Message);
            Assert.Equal(new[] { "de", "ar", MatomoSeriesQuery.TotalSeries }, SeriesOrder(rows));
            Assert.DoesNotContain(rows, row => row.Series == "en");
            AssertSeries(rows, "de", MatomoPeriod.Month, Start, End, ExpectedVisits.LanguageSegment("de"));
            AssertSeries(rows, "ar", MatomoPeriod.Month, Start, End, ExpectedVisits.LanguageSegment("ar"));
            AssertSeries(rows, MatomoSeriesQuery.TotalSeries, MatomoPeriod.Month, Start, End, null);
        }

        [Fact]
        public void Progress_is_written_while_several_requests_are_in_flight()
        {
            Run("Get-MatomoLanguageVisits -Language de, en, ar, fa, tr -Start 2025-03-01 -End 2025-03-07 -BatchSize 2");

            Assert.Empty(Shell.Errors);
            Assert.NotEmpty(Shell.Progress);
            Assert.All(Shell.Progress, record => Assert.Equal("Fetching Matomo series", record.Activity));
            Assert.Contains(Shell.Progress, record => record.StatusDescription == "4 of 4 requests done" && record.PercentComplete == 100);
            Assert.Equal(ProgressRecordType.Completed, Shell.Progress.Last().RecordType);
        }

        [Fact]
        public void One_request_writes_no_progress()
        {
            var rows = Run("Get-MatomoLanguageVisits -Language de, en -Start 2025-03-01 -End 2025-03-07 -ThrottleLimit 1");

            Assert.Empty(Shell.Errors);
            Assert.Equal(21, rows.Count);
            Assert.Empty(Shell.Progress);
        }

        [Fact]
        public void Stopping_the_command_cancels_every_request_in_flight_and_sends_no_more()
        {
            // Every answer hangs for two minutes: only cancelling can end the command early and without output.
            var server = OwnServer(new FakeFault { When = request => request.ApiMethod?.StartsWith("VisitsSummary.") == true, Delay = TimeSpan.FromMinutes(2), Times = 0 });
            int before = server.RequestCount;
            using var runspace = PowerShellHost.OpenRunspace(Session);
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript("Get-MatomoLanguageVisits -Language de, en, ar, fa -Start 2025-03-01 -End 2025-03-07 -BatchSize 1 -ThrottleLimit 4");
            var output = new PSDataCollection<PSObject>();
            shell.BeginInvoke<PSObject, PSObject>(null, output);

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (server.RequestCount < before + 4 && DateTime.UtcNow < deadline) Thread.Sleep(20);
            Assert.Equal(before + 4, server.RequestCount);
            shell.Stop();

            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Empty(output);
            // The fifth series (the total) waited for a free slot and was never sent.
            Assert.Equal(before + 4, server.RequestCount);
        }
    }
}
