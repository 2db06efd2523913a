using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// Answers that came with HTTP 200 and look like Matomo's JSON but cannot be trusted: bytes that are not UTF-8 (as a
    /// proxy garbles them), a period twice, a period not asked for, a negative count. Each is an invalid answer
    /// (<see cref="MatomoErrorKind.Protocol"/>) that names the server, the method, the series where there is one, and what
    /// is wrong; none is retried and none gives rows.
    /// </summary>
    public sealed class UnreadableAnswerTests : FaultTestBase
    {
        private const string VisitsMethod = "VisitsSummary.getVisits";
        private const string FullWeek = "\"2025-06-01\":1,\"2025-06-02\":2,\"2025-06-03\":3,\"2025-06-04\":4,\"2025-06-05\":5,\"2025-06-06\":6,\"2025-06-07\":7";

        private static Func<FakeRequestRecord, bool> Method(string method) => request => request.ApiMethod == method;

        private void AssertInvalidAnswer(MatomoException error, string method, params string[] says)
        {
            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.Contains(Server.BaseUrl, error.Message);
            Assert.Contains(method, error.Message);
            foreach (string text in says) Assert.Contains(text, error.Message);
            Assert.Equal(1, error.Attempts);
            Assert.False(error.IsTransient);
        }

        [Theory]
        [InlineData(null, "\"2025-06-03")]                                 // a key
        [InlineData("{\"2025-06-01\":\"3\"}", "\"2025-06-01\":\"")]         // a count sent as text
        [InlineData("{\"2025-06-01\":\"\\ud800\"}", null)]                  // an escaped surrogate without its pair
        public async Task A_series_answer_whose_text_is_not_unicode_is_an_invalid_answer_that_names_server_method_and_series(string? body, string? garbleAfter)
        {
            Server.Faults.Add(new FakeFault { Body = body, InvalidUtf8After = garbleAfter, Times = 0, When = Method(VisitsMethod) });
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            AssertInvalidAnswer(error, VisitsMethod, "Series 'Total'", garbleAfter == null ? "half of an escaped surrogate pair" : "not UTF-8");
            Assert.Equal("Total", error.Series);
            Assert.Equal(1, Server.RequestCount);
        }

        [Theory]
        [InlineData("{" + FullWeek + ",\"2025-06-03\":700}", "the period '2025-06-03' of site 1 twice")]
        [InlineData("{" + FullWeek + ",\"2025-06-09\":1}", "the period '2025-06-09', which was not asked for (day 2025-06-01,2025-06-07)")]
        [InlineData("{\"2025-06-01\":1,\"2025-06-02\":2,\"2025-06-03\":3,\"2025-06-04\":-5,\"2025-06-05\":5,\"2025-06-06\":6,\"2025-06-07\":7}", "negative count for the period '2025-06-04': -5")]
        [InlineData("{\"2025-06-01\":1,\"2025-06-02\":2,\"2025-06-03\":3,\"2025-06-04\":\"-5\",\"2025-06-05\":5,\"2025-06-06\":6,\"2025-06-07\":7}", "negative count for the period '2025-06-04': -5")]
        public async Task A_series_with_a_period_twice_a_period_not_asked_for_or_a_negative_count_is_an_invalid_answer(string body, string says)
        {
            Server.Faults.Add(new FakeFault { Body = body, Times = 0, When = Method(VisitsMethod) });
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            AssertInvalidAnswer(error, VisitsMethod, "Series 'Total'", says);
            Assert.Equal(1, Server.RequestCount);
        }

        [Fact]
        public async Task A_bulk_answer_that_is_not_utf8_fails_each_of_its_series_by_name()
        {
            Server.Faults.Add(new FakeFault { InvalidUtf8After = "\"2025-06-02", Times = 0, When = Method(MatomoRequest.BulkMethod) });
            using var client = Client();

            var tasks = client.FetchSeries(new[] { Language("en"), Language("de") }, new MatomoFetchOptions { BatchSize = 10, ThrottleLimit = 1 });

            foreach (var (task, series) in tasks.Zip(new[] { "en", "de" }))
            {
                var error = await Assert.ThrowsAsync<MatomoException>(() => task);
                AssertInvalidAnswer(error, MatomoRequest.BulkMethod, $"Series '{series}'", "not UTF-8");
                Assert.Equal(series, error.Series);
            }
            Assert.Equal(1, Server.RequestCount);
        }

        [Fact]
        public async Task A_site_list_with_a_name_that_is_not_utf8_is_an_invalid_answer()
        {
            Server.Faults.Add(new FakeFault { InvalidUtf8After = "\"name\":\"", Times = 0 });
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSitesAsync());

            AssertInvalidAnswer(error, MatomoClient.SitesMethod, "not UTF-8");
        }

        [Fact]
        public async Task A_report_list_with_a_text_that_is_not_utf8_is_an_invalid_answer()
        {
            Server.Faults.Add(new FakeFault { InvalidUtf8After = "\"name\":\"", Times = 0 });
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetReportMetadataAsync(1));

            AssertInvalidAnswer(error, MatomoClient.ReportMetadataMethod, "not UTF-8");
        }

        [Fact]
        public async Task A_report_with_a_label_that_is_not_utf8_is_an_invalid_answer_not_a_label_with_a_replacement_character()
        {
            Server.Faults.Add(new FakeFault { InvalidUtf8After = "\"label\":\"", Times = 0 });
            using var client = Client();
            var query = MatomoReportQuery.Create("UserCountry.getCountry", new[] { 1 }, MatomoPeriod.Month, First, Last);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetReportAsync(query));

            AssertInvalidAnswer(error, "UserCountry.getCountry", "not UTF-8");
        }

        [Fact]
        public async Task A_report_read_in_parts_checks_each_part_and_stops_at_the_first_that_is_not_utf8()
        {
            int requests = 0;
            // The third part's answer is garbled; the parts before it are fine.
            Server.Faults.Add(new FakeFault
            {
                InvalidUtf8After = "\"label\":\"",
                When = request => request.ApiMethod == "UserCountry.getCountry" && Interlocked.Increment(ref requests) == 3,
            });
            using var client = Client();
            var query = MatomoReportQuery.Create("UserCountry.getCountry", new[] { 1 }, MatomoPeriod.Day, new DateTime(2025, 1, 1), new DateTime(2025, 3, 31));
            var written = new List<MatomoReportTable>();

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.ReadReportAsync(query,
                new MatomoReportFetchOptions { ThrottleLimit = 1, RowsPerRequest = 100 }, part =>
                {
                    written.AddRange(part);
                    return Task.CompletedTask;
                }));

            AssertInvalidAnswer(error, "UserCountry.getCountry", "not UTF-8");
            Assert.NotEmpty(written);
            Assert.True(written.Last().Date < new DateTime(2025, 3, 31));
        }

        [Theory]
        [InlineData("{\"2025-06\":[],\"2025-06\":[]}", "the period '2025-06' of site 1 twice")]
        [InlineData("{\"2025-06\":[],\"2025-07\":[]}", "the period '2025-07', which was not asked for")]
        public async Task A_report_with_a_period_twice_or_not_asked_for_names_the_server(string body, string says)
        {
            Server.Faults.Add(new FakeFault { Body = body, Times = 0 });
            using var client = Client();
            var query = MatomoReportQuery.Create("UserCountry.getCountry", new[] { 1 }, MatomoPeriod.Month, First, Last);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetReportAsync(query));

            AssertInvalidAnswer(error, "UserCountry.getCountry", says);
        }

        [Fact]
        public async Task A_negative_count_in_a_report_is_an_invalid_answer_while_a_negative_revenue_is_read()
        {
            var query = MatomoReportQuery.Create("UserCountry.getCountry", new[] { 1 }, MatomoPeriod.Month, First, Last);
            using var client = Client();
            Server.Faults.Add(new FakeFault { Body = "[{\"label\":\"Germany\",\"nb_visits\":5,\"entry_nb_visits\":-2,\"revenue\":1}]", Times = 1 });
            Server.Faults.Add(new FakeFault { Body = "[{\"label\":\"Germany\",\"nb_visits\":5,\"revenue\":-12.5,\"nb_conversions_evolution\":-50}]", Times = 1 });

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetReportAsync(query));
            var table = Assert.Single(await client.GetReportAsync(query));

            AssertInvalidAnswer(error, "UserCountry.getCountry", "negative count in entry_nb_visits for the period '2025-06' of site 1: -2");
            var row = Assert.Single(table.Rows);
            Assert.True(row.TryGetMetric("revenue", out object? revenue));
            Assert.Equal(-12.5, revenue);
        }

        [Fact]
        public async Task Matomos_error_with_a_message_that_is_not_utf8_is_an_invalid_answer()
        {
            Server.Faults.Add(new FakeFault { Body = "{\"result\":\"error\",\"message\":\"Something failed\"}", InvalidUtf8After = "Some", Times = 0 });
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            AssertInvalidAnswer(error, VisitsMethod, "not UTF-8");
            Assert.Equal(1, Server.RequestCount);
        }
    }
}
