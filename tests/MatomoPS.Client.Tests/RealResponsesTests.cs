using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using FakeMatomo;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// Checks the double against real Matomo answers (../shared/matomo/real-responses, from Matomo's own system
    /// tests): the double is asked the same question and must answer with the same keys and shapes.
    /// </summary>
    public sealed class RealResponsesTests : IClassFixture<FakeServerFixture>
    {
        private readonly FakeServerFixture _fixture;

        public RealResponsesTests(FakeServerFixture fixture) => _fixture = fixture;

        private static string RealFile(string name)
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, "shared", "matomo", "real-responses", name);
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException($"The real Matomo answer {name} was not found in a shared/matomo/real-responses folder above {AppContext.BaseDirectory}.");
        }

        private static string[] RealDateKeys(string name) =>
            XDocument.Load(RealFile(name)).Descendants("result").Select(e => (string?)e.Attribute("date")).Where(d => d != null).Select(d => d!).ToArray();

        private async Task<JsonElement> Ask(string method, params (string Name, string Value)[] parameters)
        {
            using var http = new HttpClient();
            var body = new FormUrlEncodedContent(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))
                .Append(new KeyValuePair<string, string>("token_auth", FakeTokens.View)));
            var answer = await http.PostAsync(_fixture.Server.BaseUrl + "index.php?module=API&format=json&method=" + method, body);
            return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        }

        [Theory]
        [InlineData("test_noVisit_PeriodIsLast__VisitsSummary.getVisits_week.xml", "VisitsSummary.getVisits", "week", "2009-01-04,2009-02-09")]
        [InlineData("test_noVisit_PeriodIsLast__VisitsSummary.getVisits_day.xml", "VisitsSummary.getVisits", "day", "2009-01-04,2009-01-10")]
        [InlineData("test_noVisit_PeriodIsLast__VisitsSummary.getUniqueVisitors_week.xml", "VisitsSummary.getUniqueVisitors", "week", "2009-01-04,2009-02-09")]
        [InlineData("test_TwoVisitors_twoWebsites_differentDays_idSiteOne___VisitsSummary.get_day.xml", "VisitsSummary.get", "day", "2010-01-03,2010-01-09")]
        [InlineData("test_TwoVisitors_twoWebsites_differentDays_idSiteOne___VisitsSummary.get_week.xml", "VisitsSummary.get", "week", "2010-01-03,2010-02-14")]
        [InlineData("test_TwoVisitors_twoWebsites_differentDays_idSiteOne___VisitsSummary.get_month.xml", "VisitsSummary.get", "month", "2010-01-03,2010-07-31")]
        [InlineData("test_TwoVisitors_twoWebsites_differentDays_idSiteOne___VisitsSummary.get_year.xml", "VisitsSummary.get", "year", "2010-01-03,2016-12-31")]
        public async Task The_double_keys_periods_as_Matomo_does(string file, string method, string period, string date)
        {
            var answer = await Ask(method, ("idSite", "3"), ("period", period), ("date", date));

            Assert.Equal(JsonValueKind.Object, answer.ValueKind);
            Assert.Equal(RealDateKeys(file), answer.EnumerateObject().Select(p => p.Name).ToArray());
        }

        [Fact]
        public async Task Empty_periods_of_a_site_without_visits_are_empty_like_the_real_answer()
        {
            // The real file has only empty <result date=".."/> elements; in JSON an empty table is [].
            var answer = await Ask("VisitsSummary.get", ("idSite", "3"), ("period", "week"), ("date", "2009-01-04,2009-02-09"));
            Assert.All(answer.EnumerateObject(), p => Assert.Equal("[]", p.Value.GetRawText()));
        }

        [Fact]
        public async Task The_double_nests_several_sites_by_id_then_by_date_as_Matomo_does()
        {
            var real = XDocument.Load(RealFile("test_TwoVisitors_twoWebsites_differentDays__VisitsSummary.get_month.xml"));
            var realSites = real.Root!.Elements("result").Select(e => (string)e.Attribute("idSite")!).ToArray();
            var realMonths = real.Root.Elements("result").First().Elements("result").Select(e => (string)e.Attribute("date")!).ToArray();

            var answer = await Ask("VisitsSummary.get", ("idSite", "1,2"), ("period", "month"), ("date", "2010-01-03,2010-07-31"));

            Assert.Equal(realSites, answer.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.All(answer.EnumerateObject(), site => Assert.Equal(realMonths, site.Value.EnumerateObject().Select(p => p.Name).ToArray()));
        }

        [Fact]
        public async Task A_day_and_a_multi_metric_row_have_Matomos_field_names_in_Matomos_order()
        {
            var realFields = XDocument.Load(RealFile("test_TwoVisitors_twoWebsites_differentDays_idSiteOne___VisitsSummary.get_week.xml"))
                .Root!.Elements("result").First().Elements().Select(e => e.Name.LocalName).ToArray();
            var realYearFields = XDocument.Load(RealFile("test_TwoVisitors_twoWebsites_differentDays_idSiteOne___VisitsSummary.get_year.xml"))
                .Root!.Elements("result").First().Elements().Select(e => e.Name.LocalName).ToArray();

            var week = await Ask("VisitsSummary.get", ("idSite", "1"), ("period", "week"), ("date", "2023-01-02,2023-01-08"));
            var year = await Ask("VisitsSummary.get", ("idSite", "1"), ("period", "year"), ("date", "2023-01-01,2023-12-31"));

            Assert.Equal(realFields, week.EnumerateObject().First().Value.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal(realYearFields, year.EnumerateObject().First().Value.EnumerateObject().Select(p => p.Name).ToArray());
        }

        [Fact]
        public async Task Metrics_not_processed_for_years_are_refused_with_Matomos_message()
        {
            string real = XDocument.Load(RealFile("test_UserId_VisitorId__VisitsSummary.getUsers_year.xml")).Descendants("error").Single().Attribute("message")!.Value;
            string expected = Regex.Replace(real, @"\s*-->.*$", string.Empty, RegexOptions.Singleline).Trim();

            var answer = await Ask("VisitsSummary.getUsers", ("idSite", "1"), ("period", "year"), ("date", "2023-01-01,2023-12-31"));

            Assert.Equal("error", answer.GetProperty("result").GetString());
            Assert.Equal(expected, answer.GetProperty("message").GetString());
        }

        [Fact]
        public async Task A_single_day_of_a_single_metric_is_a_value_object()
        {
            // Real: <result>0</result> for one day without visits; in JSON {"value":0}.
            string real = XDocument.Load(RealFile("test_noVisit__VisitsSummary.getVisits_day.xml")).Root!.Value;
            var answer = await Ask("VisitsSummary.getVisits", ("idSite", "3"), ("period", "day"), ("date", "2009-01-04"));
            Assert.Equal(real, answer.GetProperty("value").GetRawText());
        }

        [Fact]
        public async Task A_bulk_answer_is_an_array_in_request_order_with_empty_days_as_empty_tables()
        {
            var real = JsonDocument.Parse(File.ReadAllText(RealFile("test_OneVisitorTwoVisits_bulk_json__API.getBulkRequest.json"))).RootElement;
            var answer = await Ask("API.getBulkRequest",
                ("urls[0]", "method=VisitsSummary.get&idSite=1&period=day&date=2023-01-01,2023-01-02"),
                ("urls[1]", "method=VisitsSummary.get&idSite=3&period=day&date=2023-01-01,2023-01-02"));

            Assert.Equal(JsonValueKind.Array, real.ValueKind);
            Assert.Equal(JsonValueKind.Array, answer.ValueKind);
            Assert.Equal(2, answer.GetArrayLength());
            Assert.Equal(real[0].EnumerateObject().First().Value.EnumerateObject().Select(p => p.Name), answer[0].EnumerateObject().First().Value.EnumerateObject().Select(p => p.Name));
            Assert.Equal("[]", real[0].GetProperty("2010-03-07").GetRawText());
            Assert.All(answer[1].EnumerateObject(), p => Assert.Equal("[]", p.Value.GetRawText()));
        }

        [Fact]
        public async Task A_failing_bulk_sub_request_answers_an_error_in_its_slot_like_the_real_one()
        {
            var realSlots = XDocument.Load(RealFile("test_disabledFeatures__API.getBulkRequest.xml")).Root!.Elements("row").ToArray();
            Assert.All(realSlots, slot => Assert.Equal("error", (string)slot.Element("result")!));

            var answer = await Ask("API.getBulkRequest",
                ("urls[0]", "method=VisitsSummary.getVisits&idSite=1&period=day&date=2023-01-01"),
                ("urls[1]", "method=VisitsSummary.getVisits&idSite=1&period=decade&date=2023-01-01"));

            Assert.True(answer[0].TryGetProperty("value", out _));
            Assert.Equal("error", answer[1].GetProperty("result").GetString());
            Assert.Contains("The period &#039;decade&#039; is not supported", answer[1].GetProperty("message").GetString());
        }
    }
}
