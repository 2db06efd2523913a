using System;
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
    /// Holds the double against a real Matomo 5.1.2: every question captured from the realmatomo kit's server
    /// (tests/data/realmatomo, see SOURCE.md there) is asked of the double, byte for byte, and must get the same
    /// HTTP status, content type, shape (keys by period, nesting by site, fields in Matomo's order, JSON kinds)
    /// and message. The double keeps its own data, so numbers are compared only where they do not depend on
    /// data: zeros of empty periods and error texts. Deliberately wrong tokens sent here: 7 of the double's 20.
    /// </summary>
    public sealed class RealAnswersTests : IClassFixture<FakeServerFixture>
    {
        private readonly FakeServerFixture _fixture;

        public RealAnswersTests(FakeServerFixture fixture) => _fixture = fixture;

        /// <summary>Every captured question (the lockout answers apart: they need a locked-out double of their own).</summary>
        public static IEnumerable<object[]> EveryAnswer() =>
            Captured.Read("kit").Concat(Captured.Read("ours")).Where(answer => !OwnTest.Contains(answer.Name) && !answer.Name.StartsWith(HorizonAnswer, StringComparison.Ordinal))
                .Select(answer => new object[] { answer.Name });

        // Answers that depend on the server's clock (Matomo cuts a range ten years from its now): asked of a double with the capture's clock.
        private const string HorizonAnswer = "horizon__";

        // Answers whose shape depends on how many sites there are: the double has 150, so these have tests of their own.
        private static readonly HashSet<string> OwnTest = new HashSet<string> { "VisitsSummary.get__idSite-all_month_2023-01-01.json" };

        [Theory]
        [MemberData(nameof(EveryAnswer))]
        public async Task The_double_answers_each_captured_question_with_the_real_status_content_type_and_shape(string name)
        {
            var real = Captured.Find(name);
            var fake = await Captured.Replay(_fixture.Server.BaseUrl, real);

            Assert.Equal(real.Status, fake.Status);
            Assert.Equal(real.MediaType, fake.MediaType);
            if (real.MediaType == "text/html")
            {
                Assert.Equal(Captured.HtmlMessage(real.Body), Captured.HtmlMessage(fake.Body));
                return;
            }
            var differences = new List<string>();
            Compare(Parse(real.Body), Parse(fake.Body), "$", ordered: real.Request.Contains("API.getBulkRequest"), differences);
            Assert.True(differences.Count == 0, $"The double's answer to {name} differs from the real one:\n{string.Join("\n", differences)}\nreal: {Captured.Cut(real.Body)}\ndouble: {Captured.Cut(fake.Body)}");
        }

        [Theory]
        [InlineData("horizon__VisitsSummary.getVisits__site1_day_2036-12-30..2037-01-02.json")]
        [InlineData("horizon__VisitsSummary.getVisits__site1_day_2037-01-01..2037-01-05.json")]
        public async Task Days_past_31_December_ten_years_ahead_are_cut_off_as_the_real_server_cuts_them(string name)
        {
            // Captured with the server's clock on 2026-12-07: Matomo answers no day after 2036-12-31.
            using var server = FakeMatomoServer.Start(new DateTime(2026, 12, 7));
            var real = Captured.Find(name);
            var fake = await Captured.Replay(server.BaseUrl, real);

            Assert.Equal(real.Status, fake.Status);
            Assert.Equal(real.Body, fake.Body);
        }

        [Theory]
        [InlineData("VisitsSummary.get__site2_day_2023-03-08..2023-03-12.json")]
        [InlineData("VisitsSummary.get__site1_week_2023-01-01..2023-01-31_segment-pageUrl-contains-fa.json")]
        public async Task An_empty_period_inside_a_date_list_is_an_empty_array_exactly_where_there_are_no_visits(string file)
        {
            var real = Parse(Captured.Find(file).Body);
            Assert.Contains(real.EnumerateObject(), period => period.Value.GetRawText() == "[]");
            Assert.Contains(real.EnumerateObject(), period => period.Value.ValueKind == JsonValueKind.Object);

            // Site 2 of the double has no visits on weekends: Friday 2023-03-10 to Tuesday 2023-03-14.
            var fake = Parse((await Captured.Replay(_fixture.Server.BaseUrl, "POST", "module=API&format=JSON&method=VisitsSummary.get",
                $"token_auth={FakeTokens.View}&idSite=2&period=day&date=2023-03-10,2023-03-14")).Body);
            foreach (var period in fake.EnumerateObject())
            {
                bool empty = _fixture.Server.Api.Data.Visits(2, DateTime.Parse(period.Name)).Count == 0;
                Assert.Equal(empty, period.Value.GetRawText() == "[]");
            }
            Assert.Contains(fake.EnumerateObject(), period => period.Value.GetRawText() == "[]");
        }

        [Theory]
        [InlineData("VisitsSummary.get__site1_day_2022-06-01_before-site-creation.json", "period=day&date=2022-06-01")]
        [InlineData("VisitsSummary.get__site2_day_2023-03-09_single-empty-date.json", "period=day&date=2023-03-09")]
        [InlineData("VisitsSummary.get__site1_year_2021-06-01_single-empty-year.json", "period=year&date=2021-06-01")]
        public async Task A_single_empty_period_of_one_site_is_a_row_of_zeros_like_the_real_one(string file, string question)
        {
            // Site 3 of the double never had a visit.
            var fake = await Captured.Replay(_fixture.Server.BaseUrl, "POST", "module=API&format=JSON&method=VisitsSummary.get", $"token_auth={FakeTokens.View}&idSite=3&{question}");
            Assert.Equal(Captured.Find(file).Body, fake.Body);
        }

        [Fact]
        public async Task Several_sites_and_one_date_nest_by_site_with_an_empty_array_for_the_site_without_visits()
        {
            var real = Parse(Captured.Find("VisitsSummary.get__idSite-1,2_day_2023-03-09_single-date.json").Body);
            Assert.Equal("[]", real.GetProperty("2").GetRawText());

            var fake = Parse((await Captured.Replay(_fixture.Server.BaseUrl, "POST", "module=API&format=JSON&method=VisitsSummary.get",
                $"token_auth={FakeTokens.View}&idSite=1,3&period=day&date=2023-03-09")).Body);
            Assert.Equal(new[] { "1", "3" }, fake.EnumerateObject().Select(site => site.Name));
            Assert.Equal(Names(real.GetProperty("1")), Names(fake.GetProperty("1")));
            Assert.Equal("[]", fake.GetProperty("3").GetRawText());
        }

        [Theory]
        [InlineData("VisitsSummary.getVisits__site2_day_2023-03-08..2023-03-12_empty-days.json", "idSite=3&period=day&date=2023-03-08,2023-03-12")]
        [InlineData("VisitsSummary.getVisits__site1_year_2022-01-01..2023-12-31.json", "idSite=2&period=year&date=2021-01-01,2022-12-31")]
        [InlineData("VisitsSummary.getVisits__idSite-1,2_day_2023-03-09_single-date.json", "idSite=1,3&period=day&date=2023-03-09")]
        public async Task Single_metric_methods_answer_zero_for_empty_periods_never_an_empty_array(string file, string question)
        {
            static IEnumerable<JsonElement> Leaves(JsonElement element) =>
                element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().SelectMany(p => Leaves(p.Value)) : new[] { element };

            var real = Parse(Captured.Find(file).Body);
            Assert.Contains(Leaves(real), value => value.GetRawText() == "0");
            Assert.All(Leaves(real), value => Assert.Equal(JsonValueKind.Number, value.ValueKind));

            var fake = Parse((await Captured.Replay(_fixture.Server.BaseUrl, "POST", "module=API&format=JSON&method=VisitsSummary.getVisits", $"token_auth={FakeTokens.View}&{question}")).Body);
            Assert.Contains(Leaves(fake), value => value.GetRawText() == "0");
            Assert.All(Leaves(fake), value => Assert.Equal(JsonValueKind.Number, value.ValueKind));
        }

        [Fact]
        public async Task Two_page_url_conditions_joined_by_and_must_hold_for_the_same_action()
        {
            // Real: the visit that went from /en/ to /de/article-1.html is found by "/de/ and article-1" (one action has
            // both), not by "/en/ and /de/" (no action has both).
            Assert.Equal("{\"value\":0}", Captured.Find("VisitsSummary.getVisits__site2_day_2023-03-10_segment-en-AND-de.json").Body);
            Assert.Equal("{\"value\":1}", Captured.Find("VisitsSummary.getVisits__site2_day_2023-03-10_segment-de-AND-article-1.json").Body);

            var day = new DateTime(2023, 1, 4);
            var visits = _fixture.Server.Api.Data.Visits(1, day);
            bool Has(FakeVisit visit, string part) => visit.PageUrls.Any(url => url.Contains(part));
            Assert.Contains(visits, visit => Has(visit, "/page-1/") && Has(visit, "/page-2/"));
            async Task<string> Ask(string segment) => (await Captured.Replay(_fixture.Server.BaseUrl, "POST", "module=API&format=JSON&method=VisitsSummary.getVisits",
                $"token_auth={FakeTokens.View}&idSite=1&period=day&date=2023-01-04&segment={Uri.EscapeDataString(segment)}")).Body;

            Assert.Equal("{\"value\":0}", await Ask("pageUrl=@%2Fpage-1%2F;pageUrl=@%2Fpage-2%2F"));
            int sameAction = visits.Count(visit => visit.PageUrls.Any(url => url.Contains("/de/") && url.Contains("/page-1/")));
            Assert.Equal($"{{\"value\":{sameAction}}}", await Ask("pageUrl=@%2Fde%2F;pageUrl=@%2Fpage-1%2F"));
        }

        [Fact]
        public async Task Every_site_of_idSite_all_nests_by_site_id_with_one_flat_row_each()
        {
            var real = Parse(Captured.Find("VisitsSummary.get__idSite-all_month_2023-01-01.json").Body);
            var fake = Parse((await Captured.Replay(_fixture.Server.BaseUrl, "POST", "module=API&format=JSON&method=VisitsSummary.get",
                $"token_auth={FakeTokens.View}&idSite=all&period=month&date=2023-01-01")).Body);

            Assert.Equal(new[] { "1", "2" }, real.EnumerateObject().Select(site => site.Name));
            Assert.Equal(new[] { "1", "2", "3" }, fake.EnumerateObject().Select(site => site.Name));
            Assert.Equal(Names(real.GetProperty("1")), Names(fake.GetProperty("1")));
            Assert.Equal(Names(real.GetProperty("1")), Names(fake.GetProperty("2")));
            Assert.Equal("[]", fake.GetProperty("3").GetRawText());
        }

        [Fact]
        public async Task An_outer_filter_limit_cuts_a_bulk_answer_as_it_does_on_the_real_server()
        {
            var real = Captured.Find("API.getBulkRequest__outer-filter_limit-2_3-urls.json");
            Assert.Equal(3, Regex.Matches(real.Request, @"urls%5B\d%5D").Count);
            Assert.Equal(2, Parse(real.Body).GetArrayLength());

            var fake = await Captured.Replay(_fixture.Server.BaseUrl, real);
            Assert.Equal(2, Parse(fake.Body).GetArrayLength());
        }

        [Fact]
        public async Task The_client_request_shape_gets_a_refused_token_as_json_but_the_same_question_in_the_body_gets_an_html_page()
        {
            var json = Captured.Find("wrong-token_client-shape__SitesManager.getSitesIdWithAtLeastViewAccess.json");
            var html = Captured.Find("SitesManager.getSitesIdWithAtLeastViewAccess__wrong-token.html");
            Assert.Equal((401, "application/json"), (json.Status, json.MediaType));
            Assert.Equal((401, "text/html"), (html.Status, html.MediaType));
            Assert.Equal(FakeMatomoApi.AuthenticationFailedInBody, Captured.HtmlMessage(html.Body));
            Assert.Equal(FakeMatomoApi.AuthenticationFailedInBody, Parse(json.Body).GetProperty("message").GetString());

            var fake = await Captured.Replay(_fixture.Server.BaseUrl, json);
            Assert.Equal(json.Body, fake.Body);
        }

        [Theory]
        [InlineData("blocked-ip__valid-token_POST.html")]
        [InlineData("blocked-ip__valid-token_GET.json")]
        [InlineData("blocked-ip__bulk_valid-token_POST.html")]
        public async Task After_twenty_failed_logins_every_request_gets_the_real_lockout_answer(string file)
        {
            var real = Captured.Find(file);
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            using (var http = new HttpClient())
                for (int i = 0; i < FakeMatomoApi.FailedLoginLimit; i++)
                    await http.PostAsync(server.BaseUrl + "index.php?module=API&method=API.getMatomoVersion&format=json",
                        new StringContent("token_auth=ffffffffffffffffffffffffffff" + i.ToString("0000"), Encoding.ASCII, "application/x-www-form-urlencoded"));

            var fake = await Captured.Replay(server.BaseUrl, real);

            Assert.Equal(500, real.Status);
            Assert.Equal((real.Status, real.MediaType), (fake.Status, fake.MediaType));
            if (real.MediaType == "text/html") Assert.Equal(Captured.HtmlMessage(real.Body), Captured.HtmlMessage(fake.Body));
            else Assert.Equal(real.Body, fake.Body);
        }

        [Fact]
        public void Every_captured_file_is_listed_with_its_request_and_no_token()
        {
            string[] tokens = { "df14d216dd33a278eaa69e8d1aaf14e2", "da887ddb71c5654ae71d78b9ba5ea95e", "dd24e568cddebfa08d2057fa6f925c56" };
            foreach (string folder in Captured.Folders)
            {
                var listed = Captured.Read(folder).Select(answer => answer.Name).OrderBy(n => n, StringComparer.Ordinal);
                var present = Directory.GetFiles(Path.Combine(Captured.Folder, folder)).Select(Path.GetFileName).Where(name => name != "INDEX.tsv").OrderBy(n => n, StringComparer.Ordinal);
                Assert.Equal(listed, present);
                foreach (string file in Directory.GetFiles(Path.Combine(Captured.Folder, folder)))
                    Assert.All(tokens, token => Assert.DoesNotContain(token, File.ReadAllText(file)));
            }
        }

        /// <summary>
        /// Compares two answers by shape: the same object keys in the same order, the same JSON kinds, the same error
        /// messages. A period or site that is [] on one side may be a row on the other (the data differ); a list of
        /// ids or sites is compared by its elements' shape, a bulk answer slot by slot.
        /// </summary>
        private static void Compare(JsonElement real, JsonElement fake, string path, bool ordered, List<string> differences)
        {
            if (IsError(real) || IsError(fake))
            {
                if (!IsError(real) || !IsError(fake) || Message(real) != Message(fake) || Names(real).Length != Names(fake).Length)
                    differences.Add($"{path}: {real.GetRawText()} but the double: {fake.GetRawText()}");
                return;
            }
            if (real.ValueKind != fake.ValueKind)
            {
                differences.Add($"{path}: a {real.ValueKind} but the double: a {fake.ValueKind}");
                return;
            }
            switch (real.ValueKind)
            {
                case JsonValueKind.Object:
                    if (!Names(real).SequenceEqual(Names(fake)))
                    {
                        differences.Add($"{path}: keys {string.Join(",", Names(real))} but the double: {string.Join(",", Names(fake))}");
                        return;
                    }
                    foreach (var property in real.EnumerateObject())
                    {
                        var other = fake.GetProperty(property.Name);
                        if (IsEmptyTable(property.Value) && other.ValueKind == JsonValueKind.Object || IsEmptyTable(other) && property.Value.ValueKind == JsonValueKind.Object)
                            continue;
                        Compare(property.Value, other, path + "." + property.Name, ordered: false, differences);
                    }
                    break;
                case JsonValueKind.Array:
                    if (ordered)
                    {
                        if (real.GetArrayLength() != fake.GetArrayLength())
                            differences.Add($"{path}: {real.GetArrayLength()} entries but the double: {fake.GetArrayLength()}");
                        else
                            for (int i = 0; i < real.GetArrayLength(); i++) Compare(real[i], fake[i], $"{path}[{i}]", ordered: false, differences);
                    }
                    else if (real.GetArrayLength() == 0 || fake.GetArrayLength() == 0)
                    {
                        if (real.GetArrayLength() != fake.GetArrayLength()) differences.Add($"{path}: {real.GetArrayLength()} entries but the double: {fake.GetArrayLength()}");
                    }
                    else
                    {
                        foreach (var item in fake.EnumerateArray()) Compare(real[0], item, path + "[]", ordered: false, differences);
                    }
                    break;
            }
        }

        private static bool IsError(JsonElement element) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.String && result.GetString() == "error";

        private static string? Message(JsonElement error) => error.TryGetProperty("message", out var message) ? message.GetString() : null;

        private static bool IsEmptyTable(JsonElement element) => element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0;

        private static string[] Names(JsonElement element) => element.EnumerateObject().Select(property => property.Name).ToArray();

        private static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement;
    }
}
